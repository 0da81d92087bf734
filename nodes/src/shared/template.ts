import { LEAD_FIELDS, type LeadContext } from '@leadflow/engine';

/** A `{{field}}` or `{{custom.name}}` placeholder. */
export const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_.]*)\s*\}\}/g;

/** Placeholders that name no lead field; a compile error, not an empty hole in a sent email. */
export function unknownPlaceholders(template: string): string[] {
  const unknown: string[] = [];
  for (const [, name] of template.matchAll(PLACEHOLDER)) {
    const root = (name as string).split('.')[0] as string;
    const known = (name as string).includes('.')
      ? root === 'custom' || root === 'events'
      : root in LEAD_FIELDS && LEAD_FIELDS[root as keyof LeadContext] !== 'object';
    if (!known) unknown.push(name as string);
  }
  return unknown;
}

/**
 * Fills `{{field}}` from the lead. Only a lookup: no expressions, no code. Values are text;
 * line breaks are removed where the result is a single line (a subject cannot grow headers).
 */
export function renderTemplate(
  template: string,
  lead: Readonly<LeadContext>,
  options: { singleLine?: boolean } = {},
): string {
  const text = template.replace(PLACEHOLDER, (_match, name: string) => {
    const [root, key] = name.split('.') as [string, string | undefined];
    const container: unknown = lead;
    const own = (object: unknown, field: string): unknown =>
      object !== null && typeof object === 'object' && Object.hasOwn(object, field)
        ? (object as Record<string, unknown>)[field]
        : undefined;
    const value = key ? own(own(container, root), key) : own(container, root);
    return value === null || value === undefined ? '' : String(value);
  });
  return options.singleLine ? text.replace(/[\r\n]+/g, ' ') : text;
}
