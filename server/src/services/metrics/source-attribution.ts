import type { Database } from '@leadflow/engine/db';
import { type Kysely, sql } from 'kysely';
import { type ReachedCounts, reachedCounts, reachedCte } from './funnel-reach.js';
import { type MetricScope, percent } from './metric-scope.js';
import type { SourceAttribution as SourcesReport, Unscoped } from '../../contract/metrics.js';

export type SourceRow = SourceAttribution['firstTouch'][number];

/** SourcesSchema without its scope. */
export type SourceAttribution = Unscoped<SourcesReport>;

type Row = ReachedCounts & { source: string; by_last: number };

const sourceRow = (row: Row): SourceRow => {
  const { by_last: _byLast, ...counts } = row;
  return { ...counts, leads: row.new, sqlPct: percent(row.sql, row.new), wonPct: percent(row.won, row.new) };
};

/** Leads and conversion by source, credited to the first touch and to the last, in one grouping-sets pass. */
export async function sourceAttribution(db: Kysely<Database>, scope: MetricScope): Promise<SourceAttribution> {
  const { rows } = await sql<Row>`
    WITH ${reachedCte(scope)}
    SELECT coalesce(first_source, last_source) AS source, grouping(first_source)::int AS by_last, ${reachedCounts}
    FROM reached
    GROUP BY GROUPING SETS ((first_source), (last_source))
    ORDER BY new DESC, source`.execute(db);
  const firstTouch = rows.filter((row) => row.by_last === 0).map(sourceRow);
  return {
    n: firstTouch.reduce((sum, row) => sum + row.leads, 0),
    firstTouch,
    lastTouch: rows.filter((row) => row.by_last === 1).map(sourceRow),
  };
}
