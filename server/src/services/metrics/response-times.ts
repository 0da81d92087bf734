import type { Database } from '@leadflow/engine/db';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { cohortWhere, type MetricScope, percent } from './metric-scope.js';
import type { ResponseTimes as ResponseTimesReport, Unscoped } from '../../contract/metrics.js';

/** Histogram buckets for response times, in seconds (upper bound excluded; null: no bound). */
export const RESPONSE_BUCKETS: ReadonlyArray<{ label: string; from: number; to: number | null }> = [
  { label: '< 1 min', from: 0, to: 60 },
  { label: '1–5 min', from: 60, to: 300 },
  { label: '5–15 min', from: 300, to: 900 },
  { label: '15–60 min', from: 900, to: 3600 },
  { label: '1–4 h', from: 3600, to: 4 * 3600 },
  { label: '4–24 h', from: 4 * 3600, to: 24 * 3600 },
  { label: '≥ 24 h', from: 24 * 3600, to: null },
];

/** A time distribution (ResponseTimesSchema). */
export type Distribution = Omit<ResponseTimes['timeToAssign'], 'unassigned'>;

/** Speed to lead and time to assign (ResponseTimesSchema without its scope). */
export type ResponseTimes = Unscoped<ResponseTimesReport>;

const bucketColumns = (column: string, prefix: string): RawBuilder<unknown> =>
  sql.join(
    RESPONSE_BUCKETS.map((bucket, index) => {
      const upper = bucket.to === null ? sql`` : sql` AND ${sql.ref(column)} < ${sql.lit(bucket.to)}`;
      return sql`(count(*) FILTER (WHERE ${sql.ref(column)} >= ${sql.lit(bucket.from)}${upper}))::int AS ${sql.ref(`${prefix}${index}`)}`;
    }),
    sql`, `,
  );

type Row = Record<string, number | null>;

/** A percentile of a column, to the millisecond (percentile_cont's interpolation leaves float noise). */
const percentile = (fraction: number, column: string): RawBuilder<number | null> =>
  sql<
    number | null
  >`round((percentile_cont(${sql.lit(fraction)}) WITHIN GROUP (ORDER BY ${sql.ref(column)}))::numeric, 3)::float8`;

function distribution(row: Row, prefix: string): Distribution {
  return {
    n: row[`${prefix}_n`] ?? 0,
    medianSeconds: row[`${prefix}_p50`] ?? null,
    p90Seconds: row[`${prefix}_p90`] ?? null,
    buckets: RESPONSE_BUCKETS.map((bucket, index) => ({ label: bucket.label, n: row[`${prefix}${index}`] ?? 0 })),
  };
}

/**
 * Speed-to-lead and time-to-assign for the cohort, percentiles by `percentile_cont` in one pass.
 * Each lead's first contact and first assignment are one index probe each (the partial indexes
 * `lead_events_contacted` and `assignments_lead_given`); MATERIALIZED, or Postgres would inline
 * the CTE and probe again for every aggregate that reads the column.
 */
export async function responseTimes(
  db: Kysely<Database>,
  scope: MetricScope,
  slaMinutes: number,
): Promise<ResponseTimes> {
  const result = await sql<Row>`
    WITH timed AS MATERIALIZED (
      SELECT
        extract(epoch FROM (SELECT min(e.occurred_at) FROM lead_events e WHERE e.lead_id = l.id AND e.type = 'contacted' AND e.occurred_at >= l.created_at) - l.created_at)::float8 AS contact_s,
        extract(epoch FROM (SELECT min(a.created_at) FROM assignments a WHERE a.lead_id = l.id AND a.rep_id IS NOT NULL) - l.created_at)::float8 AS assign_s
      FROM leads l
      WHERE ${cohortWhere(scope)}
    )
    SELECT count(*)::int AS leads,
      count(contact_s)::int AS contact_n,
      ${percentile(0.5, 'contact_s')} AS contact_p50,
      ${percentile(0.9, 'contact_s')} AS contact_p90,
      (count(*) FILTER (WHERE contact_s <= ${slaMinutes * 60}))::int AS within_sla,
      ${bucketColumns('contact_s', 'contact')},
      count(assign_s)::int AS assign_n,
      ${percentile(0.5, 'assign_s')} AS assign_p50,
      ${percentile(0.9, 'assign_s')} AS assign_p90,
      ${bucketColumns('assign_s', 'assign')}
    FROM timed`.execute(db);
  const row = result.rows[0] as Row;
  const leads = row.leads ?? 0;
  const contact = distribution(row, 'contact');
  const assign = distribution(row, 'assign');
  const withinSla = row.within_sla ?? 0;
  return {
    leads,
    speedToLead: {
      ...contact,
      notContacted: leads - contact.n,
      withinSla,
      withinSlaPct: percent(withinSla, leads),
      slaMinutes,
    },
    timeToAssign: { ...assign, unassigned: leads - assign.n },
  };
}
