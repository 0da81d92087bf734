import { type RawBuilder, sql } from 'kysely';
import { Errors } from '../../errors.js';

/** The 5-minute rule: the domain's response-time target for inbound leads. */
export const DEFAULT_SLA_MINUTES = 5;
/** A lead at the same node for a day is worth a look. */
export const DEFAULT_STUCK_MINUTES = 24 * 60;
/** Default range: the last 30 days. */
export const DEFAULT_RANGE_DAYS = 30;
/** Longest range a request may ask for (weekly cohorts list every week in it). */
export const MAX_RANGE_DAYS = 3 * 366;

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The query every metric takes: which leads, by capture time and filters. */
export interface MetricQuery {
  /** ISO date or date-time; leads captured at or after it. */
  from?: string;
  /** ISO date (that whole day included) or date-time (excluded); leads captured before it. */
  to?: string;
  team?: string;
  source?: string;
}

/** A resolved query: the half-open capture range [from, to) and the filters. */
export interface MetricScope {
  from: Date;
  to: Date;
  team: string | null;
  source: string | null;
}

function parseInstant(value: string, field: 'from' | 'to'): Date {
  const date = new Date(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime()))
    throw Errors.invalidField([{ path: field, message: `'${value}' is not an ISO date (2026-01-31) or date-time` }]);
  // A date-only `to` names the last day to include.
  return field === 'to' && DATE_ONLY.test(value) ? new Date(date.getTime() + DAY_MS) : date;
}

/** Resolves defaults (the last 30 days) and refuses an empty, reversed or too long range, naming the field. */
export function resolveScope(query: MetricQuery, now = new Date()): MetricScope {
  const to = query.to ? parseInstant(query.to, 'to') : now;
  const from = query.from ? parseInstant(query.from, 'from') : new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
  if (from >= to) throw Errors.invalidField([{ path: 'from', message: `must be before to (${to.toISOString()})` }]);
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS)
    throw Errors.invalidField([{ path: 'to', message: `the range may span at most ${MAX_RANGE_DAYS} days` }]);
  return { from, to, team: query.team ?? null, source: query.source ?? null };
}

/**
 * The cohort every lead metric describes: leads `l` captured in [from, to), of the team (the
 * lead's owning team) and source asked for. Filters are left out when absent, not written as
 * `$1 IS NULL OR …`, so the planner can pick the (team, created_at) or (source, created_at) index.
 */
export function cohortWhere(scope: MetricScope, options: { team?: boolean } = {}): RawBuilder<unknown> {
  const conditions = [sql`l.created_at >= ${scope.from}`, sql`l.created_at < ${scope.to}`];
  if (scope.team && options.team !== false) conditions.push(sql`l.team_id = ${scope.team}`);
  if (scope.source) conditions.push(sql`l.source = ${scope.source}`);
  return sql.join(conditions, sql` AND `);
}

/** The range and filters as the response states them. */
export function scopeView(scope: MetricScope): {
  range: { from: string; to: string };
  filters: { team: string | null; source: string | null };
} {
  return {
    range: { from: scope.from.toISOString(), to: scope.to.toISOString() },
    filters: { team: scope.team, source: scope.source },
  };
}

/** `part` as a percentage of `whole`, one decimal; null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((1000 * part) / whole) / 10 : null;
}
