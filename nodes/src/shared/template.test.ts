import { describe, expect, it } from 'vitest';
import type { LeadContext } from '@leadflow/engine';
import { renderTemplate, unknownPlaceholders } from './template.js';

const lead = {
  fullName: 'Jane Doe',
  company: 'Acme',
  title: 'VP\r\nBcc: evil@x.com',
  score: 80,
  custom: { plan: 'pro' },
  events: {},
} as unknown as LeadContext;

describe('renderTemplate', () => {
  it('fills lead fields, custom fields and leaves absent ones empty', () => {
    expect(renderTemplate('{{fullName}} at {{ company }} ({{custom.plan}}) {{phone}}.', lead)).toBe(
      'Jane Doe at Acme (pro) .',
    );
  });
  it('keeps a single-line result single-line, so a subject cannot add headers', () => {
    expect(renderTemplate('Lead: {{title}}', lead, { singleLine: true })).toBe('Lead: VP Bcc: evil@x.com');
  });
  it('does not evaluate anything', () => {
    expect(renderTemplate('{{constructor}} {{ process.exit }}', lead)).toBe(' ');
  });
});

describe('unknownPlaceholders', () => {
  it('names placeholders that are not lead fields', () => {
    expect(unknownPlaceholders('{{fullName}} {{compnay}} {{custom.x}} {{process.env}} {{events}}')).toEqual([
      'compnay',
      'process.env',
      'events',
    ]);
  });
});
