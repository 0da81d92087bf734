/**
 * Field paths in the server's format, relative to the node's config: `cases[0].when`,
 * `headers.X-Lead`, and `''` for the config itself.
 */
export type FieldPath = string;

/** The path of a property or array item under `parent`. */
export function childPath(parent: FieldPath, key: string | number): FieldPath {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/** `/cases/0/when` (ajv's instancePath) → `cases[0].when`. */
export function pointerToPath(pointer: string): FieldPath {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<FieldPath>((path, part) => childPath(path, /^\d+$/.test(part) ? Number(part) : part), '');
}

/** Whether `path` is `ancestor` or lies inside it (`cases[0].when` is inside `cases` and `cases[0]`). */
export function isWithin(path: FieldPath, ancestor: FieldPath): boolean {
  if (ancestor === '' || path === ancestor) return true;
  return path.startsWith(ancestor) && (path[ancestor.length] === '.' || path[ancestor.length] === '[');
}

/** The enclosing path: `cases[0].when` → `cases[0]` → `cases` → `''`; null above the root. */
export function parentPath(path: FieldPath): FieldPath | null {
  if (path === '') return null;
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut <= 0 ? '' : path.slice(0, cut);
}

/**
 * A DOM id for a field, unique per form: `idPrefix` then the path, `.` as `__` and `[n]` as `-n`
 * (`cases[0].when` → `p-cases-0__when`). Other characters are spelled out so ids never collide.
 */
export function fieldId(idPrefix: string, path: FieldPath): string {
  const spell = (text: string): string =>
    text.replace(/[^A-Za-z0-9_]/g, (char) => `_${char.charCodeAt(0).toString(16)}_`);
  const encoded = path.replace(/\[(\d+)\]|\.|[^.[]+|\[/g, (token, index?: string) =>
    index !== undefined ? `-${index}` : token === '.' ? '__' : spell(token),
  );
  return encoded ? `${idPrefix}-${encoded}` : idPrefix;
}

/**
 * How a nested path reads in an error shown on an ancestor's field: `[1]` → "item 2",
 * `[0].from` → "item 1, from".
 */
export function describeRelative(rest: string): string {
  return rest
    .split(/\.|(?=\[)/)
    .filter(Boolean)
    .map((part) => {
      const index = /^\[(\d+)\]$/.exec(part);
      return index ? `item ${Number(index[1]) + 1}` : part;
    })
    .join(', ');
}

/** A problem with one field: from the browser's validation or the server's compile. */
export interface FieldError {
  path: FieldPath;
  message: string;
}
