import type { ErrorObject } from 'ajv';

/** `/cases/0/when` → `cases[0].when`: the form a person reads and the designer maps to a field. */
export function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

export interface FieldError {
  path: string;
  message: string;
}

/** Turns ajv's errors into one error per field, naming the field even for missing/extra properties. */
export function fieldErrors(errors: readonly ErrorObject[] | null | undefined, prefix = ''): FieldError[] {
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const error of errors ?? []) {
    let path = pointerToPath(error.instancePath);
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'required') {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      path = path ? `${path}.${missing}` : missing;
      message = 'is required';
    } else if (error.keyword === 'additionalProperties') {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      path = path ? `${path}.${extra}` : extra;
      message = 'is not a known field';
    } else if (error.keyword === 'enum') {
      message = `must be one of: ${(error.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ')}`;
    } else if (error.keyword === 'anyOf' || error.keyword === 'const') {
      // anyOf's branch errors (each const) are noise; one clear line per field is enough.
      message =
        error.keyword === 'const'
          ? `must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}`
          : message;
    }
    const full = prefix ? (path ? `${prefix}.${path}` : prefix) : path;
    const key = `${full}|${error.keyword === 'const' ? 'anyOf' : message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ path: full, message });
  }
  return collapseAlternatives(result);
}

/** A union field with several `const` branches yields one "must be one of" instead of N lines. */
function collapseAlternatives(errors: FieldError[]): FieldError[] {
  const consts = new Map<string, string[]>();
  const rest: FieldError[] = [];
  for (const error of errors) {
    const match = /^must be (".*")$/.exec(error.message);
    if (match) consts.set(error.path, [...(consts.get(error.path) ?? []), match[1] as string]);
    else rest.push(error);
  }
  for (const [path, values] of consts) {
    const index = rest.findIndex((e) => e.path === path && e.message.startsWith('must match a schema in anyOf'));
    const error = { path, message: `must be one of: ${values.map((v) => JSON.parse(v) as string).join(', ')}` };
    if (index >= 0) rest[index] = error;
    else rest.push(error);
  }
  return rest;
}
