import type { Database } from '@leadflow/engine/db';
import { type Kysely, sql } from 'kysely';

/** Steps pruned per statement: short transactions and row locks, however large the backlog. */
export const PRUNE_BATCH_SIZE = 5000;

/**
 * Nulls `input` and `output` of steps that started more than `olderThanDays` days ago, in batches,
 * and stamps `data_pruned_at`. Everything else a step holds (node, type, port, reason, error,
 * times, attempts) stays, for the trail and the metrics. Rows another transaction holds are
 * skipped (the next run takes them), so a prune never waits on a lead's own writes. `afterBatch`
 * hears the running total (the activity heartbeats with it). Returns how many steps were pruned.
 */
export async function pruneStepData(
  db: Kysely<Database>,
  olderThanDays: number,
  options: { batchSize?: number; afterBatch?: (prunedSoFar: number) => void } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? PRUNE_BATCH_SIZE;
  let pruned = 0;
  for (;;) {
    const result = await sql`
      WITH batch AS (
        SELECT lead_id, seq FROM steps
        WHERE (input IS NOT NULL OR output IS NOT NULL) AND started_at < now() - make_interval(days => ${olderThanDays})
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE steps SET input = NULL, output = NULL, data_pruned_at = now()
      FROM batch WHERE steps.lead_id = batch.lead_id AND steps.seq = batch.seq
    `.execute(db);
    const count = Number(result.numAffectedRows ?? 0n);
    pruned += count;
    options.afterBatch?.(pruned);
    if (count < batchSize) return pruned;
  }
}
