import type { ErrorObject } from 'ajv';

const UNIONS: ReadonlySet<string> = new Set(['anyOf', 'oneOf']);
/** Errors that say "this is the wrong kind of value": a union branch that has one is the wrong branch. */
const KIND_KEYWORDS: ReadonlySet<string> = new Set(['type', 'const', 'enum']);
const TYPE_WORDS: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'yes or no',
  array: 'a list',
  object: 'a set of settings',
  null: 'empty',
};

/** The branch number of an error under a union at `unionSchemaPath`, or null if it is not under it. */
function branchOf(error: ErrorObject, unionSchemaPath: string): string | null {
  const prefix = `${unionSchemaPath}/`;
  return error.schemaPath.startsWith(prefix) ? (error.schemaPath.slice(prefix.length).split('/')[0] ?? null) : null;
}

/** Whether a branch's errors say the value is not of that branch at all (wrong type or discriminator). */
function isWrongBranch(branchErrors: readonly ErrorObject[], at: string): boolean {
  return branchErrors.some((error) => {
    if (!KIND_KEYWORDS.has(error.keyword)) return false;
    if (error.instancePath === at) return true;
    // A `const` on a direct property is a discriminator: `kind` must be "http".
    return (
      error.keyword === 'const' &&
      error.instancePath.startsWith(`${at}/`) &&
      !error.instancePath.slice(at.length + 1).includes('/')
    );
  });
}

/** "must be one of: a, b" for a union of literals; "must be string or null" for a union of types. */
function literalUnionMessage(branchErrors: readonly ErrorObject[]): string {
  const consts = branchErrors
    .filter((error) => error.keyword === 'const')
    .map((error) => String((error.params as { allowedValue: unknown }).allowedValue));
  const types = branchErrors
    .filter((error) => error.keyword === 'type')
    .map(
      (error) =>
        TYPE_WORDS[String((error.params as { type: unknown }).type)] ??
        String((error.params as { type: unknown }).type),
    );
  const enums = branchErrors
    .filter((error) => error.keyword === 'enum')
    .flatMap((error) => (error.params as { allowedValues: unknown[] }).allowedValues.map(String));
  const values = [...consts, ...enums];
  if (types.length === 0) return `must be one of: ${values.join(', ')}`;
  return `must be ${[...values, ...types].join(' or ')}`;
}

/**
 * For every union that failed, keeps the errors of the one branch the value was most likely
 * meant for (no type or discriminator mismatch, then the fewest errors) and drops the rest,
 * the union's own "must match a schema in anyOf" included. Outer unions go first, so an inner
 * union inside a dropped branch goes with it.
 */
export function pruneUnions(errors: readonly ErrorObject[]): ErrorObject[] {
  let working = [...errors];
  const unions = errors
    .filter((error) => UNIONS.has(error.keyword))
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const union of unions) {
    if (!working.includes(union)) continue;
    const branches = new Map<string, ErrorObject[]>();
    for (const error of working) {
      const branch = branchOf(error, union.schemaPath);
      if (branch !== null) branches.set(branch, [...(branches.get(branch) ?? []), error]);
    }
    // oneOf that matched several branches: its own message is the only one that says so.
    if (branches.size === 0) continue;
    const all = [...branches.values()].flat();
    if (all.every((error) => KIND_KEYWORDS.has(error.keyword) && error.instancePath === union.instancePath)) {
      const replacement: ErrorObject = { ...union, keyword: 'union', message: literalUnionMessage(all) };
      working = working.filter((error) => !all.includes(error)).map((error) => (error === union ? replacement : error));
      continue;
    }
    const lists = [...branches.values()];
    if (lists.every((list) => isWrongBranch(list, union.instancePath))) {
      // No branch fits: say what the discriminator may be, if there is one, else keep the union's message.
      const tags = lists.map((list) =>
        list.find((error) => error.keyword === 'const' && error.instancePath !== union.instancePath),
      );
      const sameTag = tags.every((tag) => tag && tag.instancePath === tags[0]?.instancePath);
      const replacement: ErrorObject = sameTag
        ? { ...(tags[0] as ErrorObject), keyword: 'union', message: literalUnionMessage(tags as ErrorObject[]) }
        : union;
      working = working.filter((error) => !all.includes(error)).map((error) => (error === union ? replacement : error));
      continue;
    }
    const ranked = lists.sort(
      (a, b) =>
        Number(isWrongBranch(a, union.instancePath)) - Number(isWrongBranch(b, union.instancePath)) ||
        a.length - b.length,
    );
    const keep = new Set(ranked[0] ?? []);
    working = working.filter((error) => error !== union && (keep.has(error) || !all.includes(error)));
  }
  return working;
}
