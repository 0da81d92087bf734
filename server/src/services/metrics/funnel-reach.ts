import { FUNNEL_STAGES } from '@leadflow/engine/db';
import { type RawBuilder, sql } from 'kysely';
import { cohortWhere, type MetricScope, percent } from './metric-scope.js';

/** The funnel stages after `new`, each with its rank (1 = mql … 4 = won). */
const RANKED = FUNNEL_STAGES.slice(1).map((stage, index) => ({ stage, rank: index + 1 }));

/**
 * `reached`: one row per cohort lead with how far along the funnel it ever got (`furthest`, 0 =
 * new … 4 = won), whether it was ever disqualified, whether it was contacted, and its first and
 * last touch source. Read from `lead_stage_changes` by the lead index, so a lead that was
 * disqualified after reaching SQL still counts as having reached SQL. MATERIALIZED: each lead's
 * probes run once, not once per aggregate that reads them.
 */
export function reachedCte(scope: MetricScope): RawBuilder<unknown> {
  const rankOf = sql.join(
    RANKED.map(({ stage, rank }) => sql`WHEN ${sql.lit(stage)} THEN ${sql.lit(rank)}`),
    sql` `,
  );
  return sql`reached AS MATERIALIZED (
    SELECT l.id, l.created_at, l.stage,
      coalesce(nullif(l.first_touch->>'source', ''), l.source, '(none)') AS first_source,
      coalesce(nullif(l.last_touch->>'source', ''), nullif(l.first_touch->>'source', ''), l.source, '(none)') AS last_source,
      EXISTS (SELECT 1 FROM lead_events e WHERE e.lead_id = l.id AND e.type = 'contacted') AS contacted,
      coalesce((SELECT max(CASE c.to_stage ${rankOf} END) FROM lead_stage_changes c WHERE c.lead_id = l.id), 0) AS furthest,
      EXISTS (SELECT 1 FROM lead_stage_changes c WHERE c.lead_id = l.id AND c.to_stage = 'disqualified') AS was_disqualified
    FROM leads l
    WHERE ${cohortWhere(scope)}
  )`;
}

/** Aggregate columns over `reached`: how many leads reached each stage, and were disqualified. */
export const reachedCounts: RawBuilder<unknown> = sql.join(
  [
    sql`count(*)::int AS new`,
    ...RANKED.map(
      ({ stage, rank }) => sql`(count(*) FILTER (WHERE furthest >= ${sql.lit(rank)}))::int AS ${sql.ref(stage)}`,
    ),
    sql`(count(*) FILTER (WHERE was_disqualified))::int AS disqualified`,
    sql`(count(*) FILTER (WHERE contacted))::int AS contacted`,
  ],
  sql`, `,
);

/** Counts per stage, as `reachedCounts` selects them. */
export interface ReachedCounts {
  new: number;
  mql: number;
  sql: number;
  meeting: number;
  won: number;
  disqualified: number;
  contacted: number;
}

/** One row of a funnel: how many got to the stage, and the share of those at the stage before. */
export interface FunnelStep {
  stage: string;
  reached: number;
  /** % of the previous stage's leads that got here; null for `new` or when the previous stage is empty. */
  fromPreviousPct: number | null;
  /** % of captured leads that got here. */
  fromNewPct: number | null;
}

/** The counts as a funnel, new → mql → sql → meeting → won. */
export function funnelOf(counts: ReachedCounts): FunnelStep[] {
  return FUNNEL_STAGES.map((stage, index) => {
    const previous = index > 0 ? counts[FUNNEL_STAGES[index - 1] as keyof ReachedCounts] : null;
    return {
      stage,
      reached: counts[stage],
      fromPreviousPct: previous === null ? null : percent(counts[stage], previous),
      fromNewPct: percent(counts[stage], counts.new),
    };
  });
}
