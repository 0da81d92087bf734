import { childSchema, type SchemaLike, type Segment, valueAt } from './schema-at.js';

/** How a person names a field: its schema title, else its key in words (`accountOwnerId` → "account owner id"). */
export function fieldTitle(schema: SchemaLike | undefined, key: Segment): string {
  const title = schema?.title?.trim();
  if (title) return lowerFirst(title);
  return String(key)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
}

/** "Cases" → "case", "Rules" → "rule", "Entries" → "entry". */
export function singular(title: string): string {
  if (/ies$/.test(title)) return `${title.slice(0, -3)}y`;
  if (/[^s]s$/.test(title)) return title.slice(0, -1);
  return title;
}

/** "team" → "a team", "owner" → "an owner". */
export function withArticle(noun: string): string {
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/** Keeps acronyms ("SLA", "URL"), lowers the rest: "Team" → "team". */
function lowerFirst(text: string): string {
  return /^[A-Z][A-Z]/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

export interface FieldPlace {
  /** Where the field sits inside the node, outermost first: `["case 'Germany'"]`. Empty at the top. */
  where: string[];
  /** The field's name in words, e.g. "condition". */
  title: string;
  schema: SchemaLike | undefined;
  /** Whether the field is a list item ("case 2"), which takes no "the". */
  item: boolean;
}

/**
 * Names the field at `segments` of a config: list items by their label or number ("case 2",
 * "case 'Germany'"), the field by its title. The items of a list of plain values are the field.
 */
export function placeField(root: SchemaLike, config: unknown, segments: readonly Segment[]): FieldPlace {
  const where: string[] = [];
  let schema: SchemaLike | undefined = root;
  let pending: string | null = null;
  segments.forEach((segment, index) => {
    schema = childSchema(schema, segment, valueAt(config, segments.slice(0, index)));
    if (typeof segment === 'number') {
      // An item replaces its list's title: "case 2", not "cases, case 2".
      const name = itemName(valueAt(config, segments.slice(0, index + 1)));
      const noun = singular(pending ?? 'item');
      pending = name ? `${noun} '${name}'` : `${noun} ${segment + 1}`;
      return;
    }
    if (pending !== null) where.push(pending);
    pending = fieldTitle(schema, segment);
  });
  return { where, title: pending ?? 'settings', schema, item: typeof segments.at(-1) === 'number' };
}

/** A list item's own name, when it has one: a label or name the user typed. */
function itemName(item: unknown): string | null {
  if (!item || typeof item !== 'object') return null;
  for (const key of ['label', 'name', 'title']) {
    const value = (item as Record<string, unknown>)[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return null;
}
