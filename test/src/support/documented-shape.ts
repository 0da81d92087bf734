/**
 * The answers README.md documents (`# → 201 { "id": "…", "token": "lf_editor_…", … }`), read as a
 * status and a shape, and compared with a real answer. `…` stands for what varies:
 * - `"…"` or a bare `…` value: any value;
 * - `"pk_…"`: a string with that start (and end, if text follows the `…`);
 * - a bare `…` entry (`{ "id": "…", … }`): the object may have more fields than shown.
 * Without a `…` entry an object has exactly the fields shown.
 */
export interface DocumentedAnswer {
  status: number | null;
  shape: unknown;
}

const ANY = '\u2026any';
const MORE = '\u2026more';

/** The status and shape in the text after `→`, or null when it documents no JSON answer. */
export function parseDocumentedAnswer(text: string): DocumentedAnswer | null {
  const statusMatch = /^\s*(\d{3})\b/.exec(text);
  const rest = statusMatch ? text.slice(statusMatch[0].length) : text;
  const start = rest.search(/[{[]/);
  if (start < 0) return statusMatch ? { status: Number(statusMatch[1]), shape: undefined } : null;
  const json = balanced(rest, start);
  return { status: statusMatch ? Number(statusMatch[1]) : null, shape: JSON.parse(withWildcards(json)) };
}

/** The bracketed text that starts at `start`, quotes respected. */
function balanced(text: string, start: number): string {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  throw new Error(`unbalanced documented answer: ${text}`);
}

/** Bare `…` becomes JSON: a wildcard value after `:`, a "more fields" entry elsewhere. */
function withWildcards(json: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const char = json[i] as string;
    if (inString) {
      out += char;
      if (char === '\\') out += json[++i] ?? '';
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    if (char !== '\u2026') {
      out += char;
      continue;
    }
    const before = out.trimEnd().at(-1);
    out += before === ':' ? JSON.stringify(ANY) : `${JSON.stringify(MORE)}: true`;
  }
  return out;
}

/** A string with `…` in it as a pattern: the parts between are literal. */
export function wildcardPattern(text: string): RegExp {
  return new RegExp(
    `^${text
      .split('\u2026')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    's',
  );
}

/** Where `actual` differs from the documented `shape`, one line each; empty when it matches. */
export function shapeMismatches(shape: unknown, actual: unknown, path = '$'): string[] {
  if (shape === ANY) return [];
  if (typeof shape === 'string') {
    if (shape.includes('\u2026'))
      return typeof actual === 'string' && wildcardPattern(shape).test(actual)
        ? []
        : [`${path}: ${JSON.stringify(actual)} is not like ${JSON.stringify(shape)}`];
    return actual === shape ? [] : [`${path}: ${JSON.stringify(actual)}, documented ${JSON.stringify(shape)}`];
  }
  if (Array.isArray(shape)) {
    if (!Array.isArray(actual)) return [`${path}: ${JSON.stringify(actual)}, documented a list`];
    if (actual.length !== shape.length) return [`${path}: ${actual.length} items, documented ${shape.length}`];
    return shape.flatMap((item, index) => shapeMismatches(item, actual[index], `${path}[${index}]`));
  }
  if (shape !== null && typeof shape === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
      return [`${path}: ${JSON.stringify(actual)}, documented an object`];
    const expected = Object.entries(shape).filter(([key]) => key !== MORE);
    const problems = expected.flatMap(([key, value]) =>
      key in actual
        ? shapeMismatches(value, (actual as Record<string, unknown>)[key], `${path}.${key}`)
        : [`${path}.${key}: missing`],
    );
    if (!(MORE in shape)) {
      const extra = Object.keys(actual).filter((key) => !(key in shape));
      if (extra.length > 0)
        problems.push(`${path}: fields not documented (add them, or a … entry): ${extra.join(', ')}`);
    }
    return problems;
  }
  return Object.is(actual, shape) ? [] : [`${path}: ${JSON.stringify(actual)}, documented ${JSON.stringify(shape)}`];
}
