import type { Database } from '@leadflow/engine/db';
import { type Kysely, sql } from 'kysely';
import { type ReachedCounts, reachedCounts, reachedCte } from './funnel-reach.js';
import { type MetricScope, percent } from './metric-scope.js';
import type { Cohorts, Unscoped } from '../../contract/metrics.js';

export type WeeklyCohort = WeeklyCohorts['weeks'][number];

/** CohortsSchema without its scope. */
export type WeeklyCohorts = Unscoped<Cohorts>;

/** Weekly capture cohorts: each week's leads followed through the funnel to now. */
export async function weeklyCohorts(db: Kysely<Database>, scope: MetricScope): Promise<WeeklyCohorts> {
  const { rows } = await sql<ReachedCounts & { week: string }>`
    WITH ${reachedCte(scope)},
    weeks AS (
      SELECT generate_series(
        date_trunc('week', ${scope.from}::timestamptz AT TIME ZONE 'UTC'),
        ${scope.to}::timestamptz AT TIME ZONE 'UTC' - interval '1 microsecond',
        interval '1 week') AS week
    ),
    cohort AS (
      SELECT date_trunc('week', created_at AT TIME ZONE 'UTC') AS week, ${reachedCounts}
      FROM reached GROUP BY 1
    )
    SELECT to_char(w.week, 'YYYY-MM-DD') AS week,
      coalesce(c.new, 0) AS new, coalesce(c.mql, 0) AS mql, coalesce(c."sql", 0) AS "sql", coalesce(c.meeting, 0) AS meeting,
      coalesce(c.won, 0) AS won, coalesce(c.disqualified, 0) AS disqualified, coalesce(c.contacted, 0) AS contacted
    FROM weeks w LEFT JOIN cohort c ON c.week = w.week
    ORDER BY w.week`.execute(db);
  const weeks = rows.map((row) => ({
    ...row,
    leads: row.new,
    contactedPct: percent(row.contacted, row.new),
    sqlPct: percent(row.sql, row.new),
    wonPct: percent(row.won, row.new),
  }));
  return { n: weeks.reduce((sum, week) => sum + week.leads, 0), weeks };
}
