import { humanize } from '../app/humanize';

/** A field's change as the API records it (a `resubmitted` event's `data.changes`). */
export interface FieldChange {
  from: unknown;
  to: unknown;
}

const shown = (value: unknown): string => (typeof value === 'string' ? `“${value}”` : JSON.stringify(value));
const isEmpty = (value: unknown): boolean => value === null || value === undefined || value === '';

/** What a resubmission changed, one sentence per field: "Company set to “Acme Corp”", "Phone changed from … to …". */
export function changesInWords(changes: Readonly<Record<string, FieldChange>>): string[] {
  return Object.entries(changes).map(([field, change]) => {
    const name = humanize(field);
    if (isEmpty(change.from)) return `${name} set to ${shown(change.to)}`;
    if (isEmpty(change.to)) return `${name} cleared (was ${shown(change.from)})`;
    return `${name} changed from ${shown(change.from)} to ${shown(change.to)}`;
  });
}

/** The changes a `resubmitted` event carries, or null when its data has none (nothing changed). */
export function resubmittedChanges(data: Readonly<Record<string, unknown>>): Record<string, FieldChange> | null {
  const changes = data.changes;
  if (typeof changes !== 'object' || changes === null || Object.keys(changes).length === 0) return null;
  return changes as Record<string, FieldChange>;
}
