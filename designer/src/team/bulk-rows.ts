import { type JsonSchema, unwrapNullable } from '../schema-form';

/** Splits CSV text into rows of cells (RFC 4180: quoted cells may hold commas, quotes and newlines). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      if (row.some((value) => value.trim() !== '')) rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  row.push(cell);
  if (row.some((value) => value.trim() !== '')) rows.push(row);
  return rows;
}

/** The schema at a dotted path (`rules.countries`), or undefined when the schema has no such field. */
function schemaAt(schema: JsonSchema, path: string[]): JsonSchema | undefined {
  let at: JsonSchema | undefined = schema;
  for (const name of path) at = at ? unwrapNullable(at).schema.properties?.[name] : undefined;
  return at;
}

/** A cell as the value its schema wants: numbers, booleans, `a; b` lists, JSON for objects. */
function coerce(cell: string, schema: JsonSchema | undefined): unknown {
  const text = cell.trim();
  if (!schema) return text;
  const { schema: inner, nullable } = unwrapNullable(schema);
  if (nullable && text.toLowerCase() === 'null') return null;
  const type = Array.isArray(inner.type) ? inner.type[0] : inner.type;
  if (type === 'integer' || type === 'number')
    return text !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
  if (type === 'boolean') return /^(true|yes|1)$/i.test(text) ? true : /^(false|no|0)$/i.test(text) ? false : text;
  if (type === 'array' && !text.startsWith('['))
    return text
      .split(/[;|]/)
      .map((part) => part.trim())
      .filter(Boolean);
  if (type === 'array' || type === 'object' || inner.properties) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) target[head] = value;
  else setPath((target[head] ??= {}) as Record<string, unknown>, rest, value);
}

/**
 * CSV rows (first row: field names, dotted for nested fields like `rules.countries`) as items of
 * the entity's schema; empty cells are left out, so the server keeps what is stored.
 */
export function csvItems(rows: string[][], schema: JsonSchema): Record<string, unknown>[] {
  const [header = [], ...body] = rows;
  const paths = header.map((name) => name.trim().split('.'));
  return body.map((cells) => {
    const item: Record<string, unknown> = {};
    cells.forEach((cell, i) => {
      const path = paths[i];
      if (!path || path[0] === '' || cell.trim() === '') return;
      setPath(item, path, coerce(cell, schemaAt(schema, path)));
    });
    return item;
  });
}

/** Pasted or uploaded text as items: a JSON array (or `{ <list>: [...] }`), else CSV. */
export function parseBulkText(text: string, list: string, schema: JsonSchema): Record<string, unknown>[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    const parsed: unknown = JSON.parse(trimmed);
    const items = Array.isArray(parsed) ? parsed : (parsed as Record<string, unknown>)[list];
    if (!Array.isArray(items)) throw new Error(`expected a JSON array, or an object with a "${list}" array`);
    return items as Record<string, unknown>[];
  }
  return csvItems(parseCsv(trimmed), schema);
}

/** Server problems (`reps[3].email`) grouped by item index, paths made relative to the item. */
export function problemsByRow(
  problems: readonly { path: string; message: string }[],
  list: string,
): Map<number, { field: string; message: string }[]> {
  const rows = new Map<number, { field: string; message: string }[]>();
  const pattern = new RegExp(`^${list}\\[(\\d+)\\]\\.?(.*)$`);
  for (const problem of problems) {
    const match = pattern.exec(problem.path);
    const index = match ? Number(match[1]) : -1;
    rows.set(index, [
      ...(rows.get(index) ?? []),
      { field: match ? (match[2] ?? '') : problem.path, message: problem.message },
    ]);
  }
  return rows;
}
