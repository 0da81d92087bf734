import type { LeadContext } from '@leadflow/engine';
import { describe, expect, it } from 'vitest';
import {
  bodyTemplateProblem,
  placeholdersIn,
  renderBodyTemplate,
  renderUrlTemplate,
  urlTemplateProblem,
} from './request-templates.js';

const lead = {
  email: 'jane@acme.com',
  fullName: 'Jane "JD" Doe\\',
  company: 'R&D / Labs?',
  employees: 250,
  isFreeEmail: false,
  phone: null,
  custom: { plan: 'pro', seats: 12, tags: ['a', 'b'] },
  events: {},
} as unknown as LeadContext;

describe('renderUrlTemplate', () => {
  it('URL-encodes each value so it cannot change the URL structure', () => {
    expect(renderUrlTemplate('https://crm.example/find?company={{company}}&email={{ email }}&p={{phone}}', lead)).toBe(
      'https://crm.example/find?company=R%26D%20%2F%20Labs%3F&email=jane%40acme.com&p=',
    );
  });
});

describe('renderBodyTemplate', () => {
  it('JSON-escapes values inside strings and writes bare ones as JSON values', () => {
    const body = renderBodyTemplate(
      '{"name": "{{fullName}}", "note": "from {{company}}", "size": {{employees}}, "free": {{isFreeEmail}}, "phone": {{phone}}, "plan": {{custom.plan}}, "seats": {{custom.seats}}, "tags": {{custom.tags}}}',
      lead,
    );
    expect(JSON.parse(body)).toEqual({
      name: 'Jane "JD" Doe\\',
      note: 'from R&D / Labs?',
      size: 250,
      free: false,
      phone: null,
      plan: 'pro',
      seats: 12,
      tags: ['a', 'b'],
    });
  });
  it('tracks escaped quotes inside strings', () => {
    expect(JSON.parse(renderBodyTemplate('["say \\"{{custom.plan}}\\"", {{custom.plan}}]', lead))).toEqual([
      'say "pro"',
      'pro',
    ]);
  });
  it('fills a non-JSON template as plain text', () => {
    expect(renderBodyTemplate('email={{email}}&plan={{custom.plan}}', lead)).toBe('email=jane@acme.com&plan=pro');
  });
});

describe('template checks', () => {
  it('lists placeholders', () => {
    expect(placeholdersIn('https://x.io/{{companyDomain}}?e={{ email }}')).toEqual(['companyDomain', 'email']);
  });
  it('accepts http(s) URLs with placeholders after the host', () => {
    expect(urlTemplateProblem('https://api.vendor.io/v2/companies/find?domain={{companyDomain}}')).toBeNull();
    expect(urlTemplateProblem('http://10.0.0.5:8080/hook/{{id}}')).toBeNull();
  });
  it('refuses other schemes, a templated host and non-URLs', () => {
    expect(urlTemplateProblem('ftp://files.example/x')).toBe('must be http or https, not ftp');
    expect(urlTemplateProblem('{{custom.url}}/x')).toBe('must start with http:// or https://');
    expect(urlTemplateProblem('https://{{custom.host}}/x')).toMatch(/host must be written out/);
    expect(urlTemplateProblem('https://user@{{custom.host}}/x')).toMatch(/host must be written out/);
    expect(urlTemplateProblem('https://exa mple.com/')).toBe('is not a valid URL');
  });
  it('refuses a JSON-looking body that would not parse once filled', () => {
    expect(bodyTemplateProblem('{"email": "{{email}}", "n": {{employees}}}')).toBeNull();
    expect(bodyTemplateProblem('{"email": {{email}}')).toMatch(/not valid JSON/);
    expect(bodyTemplateProblem('plain {{email}}')).toBeNull();
  });
});
