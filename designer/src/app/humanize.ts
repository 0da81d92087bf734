const ACRONYMS: Record<string, string> = {
  mql: 'MQL',
  sql: 'SQL',
  sla: 'SLA',
  url: 'URL',
  utm: 'UTM',
  crm: 'CRM',
  api: 'API',
  id: 'ID',
  ip: 'IP',
};

/**
 * A field key as a person reads it: `accountOwnerId` → "Account owner", `mql` → "MQL",
 * `custom.budget_range` → "Budget range". An id suffix goes: the value shown is a name.
 */
export function humanize(key: string): string {
  const last = key.split('.').at(-1) ?? key;
  const words = last
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .split(/\s+/)
    .map((word) => word.toLowerCase());
  if (words.length > 1 && words.at(-1) === 'id') words.pop();
  const text = words.map((word) => ACRONYMS[word] ?? word).join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A value as text: lists joined, booleans as yes/no, objects as short "key: value" pairs. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length ? value.map(showValue).join(', ') : '—';
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .map(([key, inner]) => `${humanize(key)}: ${showValue(inner)}`)
      .join('; ');
  return String(value);
}
