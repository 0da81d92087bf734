import type { Database } from '@leadflow/engine/db';
import type { Kysely, Transaction } from 'kysely';
import { Errors, type ProblemDetail } from '../../errors.js';
import { loadRefs, type TeamRefs } from './checks.js';

/** What one bulk upsert did (or, on a dry run, would do). */
export interface BulkResult {
  created: number;
  updated: number;
  unchanged: number;
  dryRun: boolean;
}

/** How one kind of row is upserted. `key` is the natural key items are matched by (email, id, domain). */
export interface UpsertSpec<I, V> {
  /** The body's list name, for paths: `reps` → `reps[3].email`. */
  list: string;
  keyField: string;
  keyOf(item: I): string;
  check(item: I, existing: V | undefined, refs: TeamRefs, prefix: string): ProblemDetail[];
  findByKeys(trx: Transaction<Database>, keys: string[]): Promise<Map<string, V>>;
  create(trx: Transaction<Database>, item: I): Promise<void>;
  /** Applies the item's fields to the stored row; false when nothing changed. */
  update(trx: Transaction<Database>, existing: V, item: I): Promise<boolean>;
}

/**
 * All or nothing: every item is checked first and every problem is reported with its path; only
 * a clean batch is written, in one transaction, each row audited as a single change would be.
 */
export async function bulkUpsert<I, V>(db: Kysely<Database>, items: I[], spec: UpsertSpec<I, V>, dryRun: boolean): Promise<BulkResult> {
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
      if (earlier !== undefined) problems.push({ path: `${prefix}.${spec.keyField}`, message: `'${key}' is also at ${spec.list}[${earlier}]; each ${spec.keyField} may appear once` });
      else firstAt.set(key, i);
      problems.push(...spec.check(item, existing.get(key), refs, prefix));
    });
    if (problems.length) throw Errors.invalidRequest(problems);
    for (const [i, item] of items.entries()) {
      const before = existing.get(keys[i] as string);
      if (!before) result.created++;
      else if (dryRun) result.updated++;
      else if (await spec.update(trx, before, item)) result.updated++;
      else result.unchanged++;
      if (!before && !dryRun) await spec.create(trx, item);
    }
  });
  return result;
}
