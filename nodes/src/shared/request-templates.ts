import type { LeadContext } from '@leadflow/engine';
import { PLACEHOLDER, renderTemplate } from './template.js';
import { valueAtPath } from './value-at-path.js';

// The placeholder syntax of notify/template.ts. Each match is filled by `renderTemplate` itself,
// so lookup rules stay in one place; only the escaping around a value differs here.

/** The field names a template refers to, in order (`{{ custom.plan }}` → `custom.plan`). */
export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] as string);
}

/**
 * Fills a URL template. Each value is URL-encoded, so a lead field can add to a path segment or
 * query value but cannot add `/`, `?`, `&` or `#` and change what the URL means.
 */
export function renderUrlTemplate(template: string, lead: Readonly<LeadContext>): string {
  return template.replace(PLACEHOLDER, (placeholder) => encodeURIComponent(renderTemplate(placeholder, lead)));
}

/** A body template starting with `{` or `[` is treated as JSON. */
export function looksLikeJson(template: string): boolean {
  return /^\s*[[{]/.test(template);
}

/**
 * Fills a request body. In a JSON template a placeholder inside quotes (`"{{email}}"`) is
 * JSON-escaped, so a quote or backslash in a lead field cannot break out of the string; a bare
 * one (`{{employees}}`) becomes the field's JSON value (number, boolean, string, or null when
 * empty). Any other template is filled as plain text.
 */
export function renderBodyTemplate(template: string, lead: Readonly<LeadContext>): string {
  if (!looksLikeJson(template)) return renderTemplate(template, lead);
  let inString = false;
  let escaped = false;
  let scanned = 0;
  return template.replace(PLACEHOLDER, (placeholder: string, name: string, offset: number) => {
    for (; scanned < offset; scanned++) {
      const char = template[scanned];
      if (escaped) escaped = false;
      else if (char === '\\') escaped = inString;
      else if (char === '"') inString = !inString;
    }
    scanned = offset + placeholder.length;
    if (inString) return JSON.stringify(renderTemplate(placeholder, lead)).slice(1, -1);
    return JSON.stringify(valueAtPath(lead, name) ?? null);
  });
}

const EMPTY_LEAD = { custom: {}, events: {} } as unknown as LeadContext;

/** Why a URL template cannot be used, or null. The host is fixed text: lead data never picks where a call goes. */
export function urlTemplateProblem(template: string): string | null {
  const origin = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)/.exec(template.trim());
  if (!origin) return 'must start with http:// or https://';
  const [, scheme = '', authority = ''] = origin;
  if (!/^https?$/i.test(scheme)) return `must be http or https, not ${scheme}`;
  if (authority.includes('{{'))
    return 'the host must be written out; a {{placeholder}} cannot choose where the call goes';
  try {
    const url = new URL(renderUrlTemplate(template.trim(), EMPTY_LEAD));
    if (!url.hostname) return 'has no host';
  } catch {
    return 'is not a valid URL';
  }
  return null;
}

/** Why a JSON-looking body template would not be JSON once filled, or null. */
export function bodyTemplateProblem(template: string): string | null {
  if (!looksLikeJson(template)) return null;
  try {
    JSON.parse(renderBodyTemplate(template, EMPTY_LEAD));
    return null;
  } catch (error) {
    return `starts like JSON but is not valid JSON once filled (${(error as Error).message}); put string placeholders in quotes, e.g. "email": "{{email}}"`;
  }
}
