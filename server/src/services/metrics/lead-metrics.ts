import type { Database } from '@leadflow/engine/db';
import type { Kysely } from 'kysely';
import { type DisqualificationReasons, disqualificationReasons } from './disqualification-reasons.js';
import {
  DEFAULT_SLA_MINUTES,
  DEFAULT_STUCK_MINUTES,
  type MetricQuery,
  type MetricScope,
  resolveScope,
  scopeView,
} from './metric-scope.js';
import { type ResponseTimes, responseTimes } from './response-times.js';
import { type SlaCompliance, slaCompliance } from './sla-compliance.js';
import { type SourceAttribution, sourceAttribution } from './source-attribution.js';
import { type StageConversion, stageConversion } from './stage-conversion.js';
import { type StuckLeads, stuckLeads } from './stuck-leads.js';
import { type WeeklyCohorts, weeklyCohorts } from './weekly-cohorts.js';

/** What every metric answer starts with: the range and filters it was computed for. */
type Scoped<T> = ReturnType<typeof scopeView> & T;

/**
 * The reporting read side: each metric over the leads captured in a range (default: the last 30
 * days), optionally of one team and source, computed by Postgres.
 */
export class LeadMetrics {
  constructor(private readonly db: Kysely<Database>) {}

  responseTimes(query: MetricQuery & { slaMinutes?: number }): Promise<Scoped<ResponseTimes>> {
    return this.compute(query, (scope) => responseTimes(this.db, scope, query.slaMinutes ?? DEFAULT_SLA_MINUTES));
  }

  sla(query: MetricQuery & { slaMinutes?: number }): Promise<Scoped<SlaCompliance>> {
    return this.compute(query, (scope) => slaCompliance(this.db, scope, query.slaMinutes ?? DEFAULT_SLA_MINUTES));
  }

  conversion(query: MetricQuery): Promise<Scoped<StageConversion>> {
    return this.compute(query, (scope) => stageConversion(this.db, scope));
  }

  sources(query: MetricQuery): Promise<Scoped<SourceAttribution>> {
    return this.compute(query, (scope) => sourceAttribution(this.db, scope));
  }

  disqualifications(query: MetricQuery): Promise<Scoped<DisqualificationReasons>> {
    return this.compute(query, (scope) => disqualificationReasons(this.db, scope));
  }

  cohorts(query: MetricQuery): Promise<Scoped<WeeklyCohorts>> {
    return this.compute(query, (scope) => weeklyCohorts(this.db, scope));
  }

  stuck(query: MetricQuery & { stuckMinutes?: number }): Promise<Scoped<StuckLeads>> {
    return this.compute(query, (scope) => stuckLeads(this.db, scope, query.stuckMinutes ?? DEFAULT_STUCK_MINUTES));
  }

  /** Resolves the range (refusing a bad one before any query runs) and states it in the answer. */
  private async compute<T>(query: MetricQuery, metric: (scope: MetricScope) => Promise<T>): Promise<Scoped<T>> {
    const scope = resolveScope(query);
    return { ...scopeView(scope), ...(await metric(scope)) };
  }
}
