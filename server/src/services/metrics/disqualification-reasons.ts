import type { Database } from '@leadflow/engine/db';
import { type Kysely, sql } from 'kysely';
import { cohortWhere, type MetricScope, percent } from './metric-scope.js';
import type { Disqualifications, Unscoped } from '../../contract/metrics.js';

/** DisqualificationsSchema without its scope. */
export type DisqualificationReasons = Unscoped<Disqualifications>;

/** Why the range's disqualified leads were disqualified, and how far they had got. */
export async function disqualificationReasons(
  db: Kysely<Database>,
  scope: MetricScope,
): Promise<DisqualificationReasons> {
  const [reasons, stages] = await Promise.all([
    sql<{ reason: string; n: number }>`
      SELECT coalesce(l.disqualification_reason, '(none)') AS reason, count(*)::int AS n
      FROM leads l
      WHERE ${cohortWhere(scope)} AND l.stage = 'disqualified'
      GROUP BY 1 ORDER BY n DESC, reason`.execute(db),
    sql<{ stage: string; n: number }>`
      SELECT last.from_stage AS stage, count(*)::int AS n
      FROM leads l
      CROSS JOIN LATERAL (
        SELECT c.from_stage FROM lead_stage_changes c WHERE c.lead_id = l.id AND c.to_stage = 'disqualified' ORDER BY c.changed_at DESC, c.id DESC LIMIT 1
      ) last
      WHERE ${cohortWhere(scope)} AND l.stage = 'disqualified'
      GROUP BY 1 ORDER BY n DESC, stage`.execute(db),
  ]);
  const n = reasons.rows.reduce((sum, row) => sum + row.n, 0);
  return {
    n,
    reasons: reasons.rows.map((row) => ({ reason: row.reason, n: row.n, pct: percent(row.n, n) })),
    fromStage: stages.rows.map((row) => ({ stage: row.stage, n: row.n })),
  };
}
