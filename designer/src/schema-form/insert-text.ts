import type { EditorKind } from './json-schema';

/** A lead field as the designer lists it (the engine's LEAD_FIELDS). */
export interface LeadFieldOption {
  name: string;
  type: string;
  description?: string;
}

/** Text to insert and where the caret goes within it. */
export interface Insertion {
  text: string;
  caret: number;
}

/**
 * What picking a lead field inserts: `score` in an expression, `{{score}}` in a template
 * (nodes/src/shared/template.ts's placeholder). A field holding an object (custom, events)
 * inserts its prefix with the caret where the key goes: `custom.` / `{{custom.|}}`.
 */
export function insertionFor(editor: EditorKind, field: LeadFieldOption): Insertion {
  const isObject = field.type === 'object';
  const name = isObject ? `${field.name}.` : field.name;
  if (editor === 'expression') return { text: name, caret: name.length };
  const text = `{{${name}}}`;
  return { text, caret: isObject ? 2 + name.length : text.length };
}

/** `value` with `insertion` replacing the selection `start..end`, and the caret after it. */
export function insertAt(
  value: string,
  start: number,
  end: number,
  insertion: Insertion,
): { value: string; caret: number } {
  const from = Math.max(0, Math.min(start, value.length));
  const to = Math.max(from, Math.min(end, value.length));
  return { value: value.slice(0, from) + insertion.text + value.slice(to), caret: from + insertion.caret };
}
