import type { Database } from '@leadflow/engine/db';
import { type Kysely, sql } from 'kysely';
import { funnelOf, type ReachedCounts, reachedCounts, reachedCte } from './funnel-reach.js';
import { cohortWhere, type MetricScope, percent } from './metric-scope.js';
import type { Conversion, Unscoped } from '../../contract/metrics.js';

/** ConversionSchema without its scope. */
export type StageConversion = Unscoped<Conversion>;

/** Stage-to-stage conversion of the leads captured in the range, from their recorded stage moves. */
export async function stageConversion(db: Kysely<Database>, scope: MetricScope): Promise<StageConversion> {
  const [totals, transitions] = await Promise.all([
    sql<ReachedCounts & { disqualified_now: number }>`
      WITH ${reachedCte(scope)}
      SELECT ${reachedCounts}, (count(*) FILTER (WHERE stage = 'disqualified'))::int AS disqualified_now
      FROM reached`.execute(db),
    sql<{ from_stage: string; to_stage: string; n: number }>`
      SELECT c.from_stage, c.to_stage, count(*)::int AS n
      FROM leads l JOIN lead_stage_changes c ON c.lead_id = l.id
      WHERE ${cohortWhere(scope)}
      GROUP BY c.from_stage, c.to_stage
      ORDER BY n DESC, c.from_stage, c.to_stage`.execute(db),
  ]);
  const counts = totals.rows[0] as ReachedCounts & { disqualified_now: number };
  return {
    n: counts.new,
    funnel: funnelOf(counts),
    disqualified: {
      n: counts.disqualified,
      pct: percent(counts.disqualified, counts.new),
      now: counts.disqualified_now,
    },
    transitions: transitions.rows.map((row) => ({ from: row.from_stage, to: row.to_stage, n: row.n })),
  };
}
