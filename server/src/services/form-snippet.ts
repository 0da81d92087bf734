/** What the drop-in snippet is made from. */
export interface SnippetInput {
  /** Form id: names the HTML element, so several snippets can share a page. */
  formId: string;
  formName: string;
  /** Absolute URL of the form's public endpoint. */
  endpointUrl: string;
  honeypotField: string;
  /** Fields the workflow's capture node requires besides email. */
  requiredFields: readonly string[];
  redirectUrl: string | null;
}

const VISIBLE: ReadonlyArray<{ name: string; label: string; type: string; autocomplete: string }> = [
  { name: 'email', label: 'Work email', type: 'email', autocomplete: 'email' },
  { name: 'name', label: 'Name', type: 'text', autocomplete: 'name' },
  { name: 'company', label: 'Company', type: 'text', autocomplete: 'organization' },
  { name: 'title', label: 'Job title', type: 'text', autocomplete: 'organization-title' },
  { name: 'phone', label: 'Phone', type: 'tel', autocomplete: 'tel' },
  { name: 'country', label: 'Country', type: 'text', autocomplete: 'country' },
];

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON that is safe inside a <script> element (no "</script>", no HTML comment openers). */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * A <form> and a few lines of inline script, no framework: it posts the inputs URL-encoded (a
 * "simple" CORS request, so no preflight) to the public endpoint and shows the answer. Without
 * script the same form still posts, and the endpoint redirects to the form's redirect URL.
 */
export function renderFormSnippet(input: SnippetInput): string {
  const elementId = `leadflow-form-${input.formId.slice(0, 8)}`;
  const required = new Set(['email', ...input.requiredFields]);
  const inputs = VISIBLE.map(
    (field) =>
      `  <p><label>${field.label}${required.has(field.name) ? ' *' : ''}<br><input name="${field.name}" type="${field.type}" autocomplete="${field.autocomplete}"${required.has(field.name) ? ' required' : ''}></label></p>`,
  );
  // Required fields with no input of their own (source) travel as hidden inputs; edit their values.
  const hidden = [...required]
    .filter((name) => !VISIBLE.some((field) => field.name === name))
    .map((name) => `  <input type="hidden" name="${escapeHtml(name)}" value="${name === 'source' ? 'web_form' : ''}">`);
  return `<!-- Leadflow form "${escapeHtml(input.formName)}": paste where the form should appear. -->
<form id="${elementId}" action="${escapeHtml(input.endpointUrl)}" method="post">
${[...inputs, ...hidden].join('\n')}
  <div style="position:absolute;left:-10000px" aria-hidden="true"><label>Leave this empty <input name="${escapeHtml(input.honeypotField)}" type="text" tabindex="-1" autocomplete="off"></label></div>
  <p><button type="submit">Send</button></p>
  <p data-leadflow-status role="status" aria-live="polite"></p>
</form>
<script>
(function () {
  var form = document.getElementById(${scriptJson(elementId)});
  var status = form.querySelector("[data-leadflow-status]");
  var button = form.querySelector("button[type=submit]");
  var redirect = ${scriptJson(input.redirectUrl)};
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    status.textContent = "Sending…";
    fetch(form.action, { method: "POST", body: new URLSearchParams(new FormData(form)), headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (!response.ok) throw new Error(body.message || "Something went wrong (" + response.status + ").");
          return body;
        });
      })
      .then(function (body) {
        form.reset();
        form.setAttribute("data-leadflow-state", "sent");
        status.textContent = body.message || "Thank you!";
        if (redirect) window.location.assign(redirect);
      })
      .catch(function (error) {
        form.setAttribute("data-leadflow-state", "error");
        status.textContent = error instanceof TypeError ? "Could not reach the server, or this page may not post this form." : error.message;
      })
      .then(function () { button.disabled = false; });
  });
})();
</script>
`;
}
