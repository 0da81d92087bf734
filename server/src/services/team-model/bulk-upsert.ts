import type { Database } from '@leadflow/engine/db';
import type { Kysely, Transaction } from 'kysely';
import { Errors, type ProblemDetail } from '../../errors.js';
import { loadRefs, type TeamRefs } from './checks.js';
import type { BulkResult } from '../../contract/team.js';

export type { BulkResult };

/** How one kind of row is upserted. `key` is the natural key items are matched by (email, id, domain). */
export interface UpsertSpec<I extends object, V extends object> {
  /** The body's list name, for paths: `reps` → `reps[3].email`. */
  list: string;
  keyField: string;
  keyOf(item: I): string;
  check(item: I, existing: V | undefined, refs: TeamRefs, prefix: string): ProblemDetail[];
  findByKeys(trx: Transaction<Database>, keys: string[]): Promise<Map<string, V>>;
  /** Inserts (and audits) the new rows, a chunk per statement. */
  createAll(trx: Transaction<Database>, items: I[]): Promise<void>;
  /** Whether writing the item would change the stored row; default: some field it sets differs. */
  differs?(existing: V, item: I): boolean;
  /** Applies the item's fields to the stored row. */
  update(trx: Transaction<Database>, existing: V, item: I): Promise<void>;
}

/** Rows per insert statement: well inside Postgres' 65,535 parameters. */
export const INSERT_CHUNK = 1000;

/** `items` in slices of `size`. */
export function chunked<T>(items: readonly T[], size = INSERT_CHUNK): T[][] {
  const slices: T[][] = [];
  for (let start = 0; start < items.length; start += size) slices.push(items.slice(start, start + size));
  return slices;
}

/** JSON with object keys sorted: jsonb reorders keys, so stored and sent values compare equal. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

/** Some field the item sets differs from the stored value. */
export function setsDifferentValues(existing: object, item: object): boolean {
  const stored = existing as Record<string, unknown>;
  return Object.entries(item).some(
    ([field, value]) => value !== undefined && stableJson(stored[field] ?? null) !== stableJson(value),
  );
}

/**
 * All or nothing: every item is checked first and every problem is reported with its path; only
 * a clean batch is written, in one transaction, each row audited as a single change would be.
 */
export async function bulkUpsert<I extends object, V extends object>(
  db: Kysely<Database>,
  items: I[],
  spec: UpsertSpec<I, V>,
  dryRun: boolean,
): Promise<BulkResult> {
  const result: BulkResult = { created: 0, updated: 0, unchanged: 0, dryRun };
  await db.transaction().execute(async (trx) => {
    const keys = items.map((item) => spec.keyOf(item));
    const existing = await spec.findByKeys(trx, [...new Set(keys)]);
    const refs = await loadRefs(trx);
    const problems: ProblemDetail[] = [];
    const firstAt = new Map<string, number>();
    items.forEach((item, i) => {
      const prefix = `${spec.list}[${i}]`;
      const key = keys[i] as string;
      const earlier = firstAt.get(key);
      if (earlier !== undefined)
        problems.push({
          path: `${prefix}.${spec.keyField}`,
          message: `'${key}' is also at ${spec.list}[${earlier}]; each ${spec.keyField} may appear once`,
        });
      else firstAt.set(key, i);
      problems.push(...spec.check(item, existing.get(key), refs, prefix));
    });
    if (problems.length) throw Errors.invalidField(problems);
    const creates: I[] = [];
    for (const [i, item] of items.entries()) {
      const before = existing.get(keys[i] as string);
      if (!before) creates.push(item);
      else if (!(spec.differs ?? setsDifferentValues)(before, item)) result.unchanged++;
      else {
        result.updated++;
        if (!dryRun) await spec.update(trx, before, item);
      }
    }
    result.created = creates.length;
    if (creates.length && !dryRun) await spec.createAll(trx, creates);
  });
  return result;
}
