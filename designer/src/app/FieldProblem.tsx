/** The id of the message about `path` in the form whose ids start with `formId`. */
const messageId = (formId: string, path: string): string => `${formId}-${path.replace(/[^A-Za-z0-9_-]/g, '_')}-error`;

/** Marks a control invalid and points it at its message, when `problems` names its field. */
export function problemAria(
  formId: string,
  path: string,
  problems: Readonly<Record<string, string>>,
): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return problems[path] ? { 'aria-invalid': true, 'aria-describedby': messageId(formId, path) } : {};
}

/** The server's message about one field, shown next to the control (see `problemAria`). */
export function FieldProblem({
  formId,
  path,
  problems,
}: {
  formId: string;
  path: string;
  problems: Readonly<Record<string, string>>;
}) {
  if (!problems[path]) return null;
  return (
    <p id={messageId(formId, path)} className="error-text" role="alert">
      {problems[path]}
    </p>
  );
}
