import { describe, expect, it } from 'vitest';
import { renderFormSnippet } from './form-snippet.js';

const base = {
  formId: '0f5e7c4a-1111-2222-3333-444444444444',
  formName: 'Demo <request>',
  endpointUrl: 'https://leads.acme.io/intake/forms/pk_abc',
  honeypotField: 'website',
  requiredFields: [],
  redirectUrl: null,
};

describe('the drop-in form snippet', () => {
  it('posts to the form endpoint and hides the honeypot', () => {
    const html = renderFormSnippet(base);
    expect(html).toContain(
      '<form id="leadflow-form-0f5e7c4a" action="https://leads.acme.io/intake/forms/pk_abc" method="post">',
    );
    expect(html).toMatch(/aria-hidden="true"><label>Leave this empty <input name="website" type="text" tabindex="-1"/);
    expect(html).toContain('<input name="email" type="email" autocomplete="email" required>');
    expect(html).toContain('Demo &#60;request&#62;');
  });

  it("marks the workflow's required fields and sends the ones without an input hidden", () => {
    const html = renderFormSnippet({ ...base, requiredFields: ['name', 'source'] });
    expect(html).toContain('<input name="name" type="text" autocomplete="name" required>');
    expect(html).toContain('<input type="hidden" name="source" value="web_form">');
    expect(html).not.toContain('name="company" type="text" autocomplete="organization" required');
  });

  it('keeps a redirect URL from closing the script element', () => {
    const html = renderFormSnippet({ ...base, redirectUrl: 'https://acme.io/</script><script>alert(1)</script>' });
    expect(html).toContain('var redirect = "https://acme.io/\\u003c/script>\\u003cscript>alert(1)\\u003c/script>";');
    expect(html.match(/<\/script>/g)).toHaveLength(1);
  });
});
