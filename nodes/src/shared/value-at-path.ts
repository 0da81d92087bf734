/**
 * Reads `a.b.0.c` out of parsed JSON: object keys and array indexes, own properties only, so a
 * path such as `__proto__.x` or `constructor` finds nothing. `undefined` when any step is missing.
 */
export function valueAtPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A dot path a vendor answer can be read with: `name`, `metrics.employees`, `emails.0.value`. */
export const VALUE_PATH_PATTERN = '^[A-Za-z0-9_$-]+(\\.[A-Za-z0-9_$-]+)*$';
