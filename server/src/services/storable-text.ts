import type { ProblemDetail } from '../errors.js';

/** NUL, which Postgres text and jsonb cannot hold, and UTF-16 halves without their pair, which no UTF-8 can. */
// eslint-disable-next-line no-control-regex -- matching NUL (U+0000) is this pattern's purpose
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function why(text: string): string {
  return text.includes('\u0000')
    ? 'contains a NUL character (U+0000), which cannot be stored; remove it'
    : 'contains a broken character (half of a UTF-16 surrogate pair), which cannot be stored';
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/**
 * Every string (and object key) in `value` that the database could not store, by its path
 * (`email`, `custom.plan`, `utm.source`, `tags[2]`), so the caller can refuse the request naming the
 * field instead of failing half-way with a server error.
 */
export function unstorableText(value: unknown, path = ''): ProblemDetail[] {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? [{ path, message: why(value) }] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => unstorableText(item, `${path}[${index}]`));
  if (value === null || typeof value !== 'object' || !isPlain(value)) return [];
  const problems: ProblemDetail[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (UNSTORABLE.test(key))
      problems.push({ path: join(path, JSON.stringify(key)), message: `is a field name that ${why(key)}` });
    else problems.push(...unstorableText(item, join(path, key)));
  }
  return problems;
}

/** Parsed data (JSON, a form, a query string: its objects may have unusual prototypes), not a stream, buffer or date. */
function isPlain(value: object): boolean {
  return (
    !Buffer.isBuffer(value) && !(value instanceof Date) && typeof (value as { pipe?: unknown }).pipe !== 'function'
  );
}
