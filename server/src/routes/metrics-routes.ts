import type { FastifyInstance } from 'fastify';
import type { RouteAccess } from '../plugins/route-access.js';
import {
  CohortsSchema,
  ConversionSchema,
  DisqualificationsSchema,
  MetricQuery,
  ResponseTimesSchema,
  SlaMetricQuery,
  SlaSchema,
  SourcesSchema,
  StuckMetricQuery,
  StuckSchema,
} from '../contract/metrics.js';
import type { AppServices } from '../services/app-services.js';
import { LeadMetrics } from '../services/metrics/lead-metrics.js';
import type { TypedApp } from './typed-app.js';

const tags = ['metrics'];
/** Ops and RevOps read metrics; reps and capture tokens do not. */
const config = { allow: ['admin', 'editor', 'viewer'] as RouteAccess };
const cohortNote =
  'Over the leads captured in [from, to) (default: the last 30 days), of the team and source asked for.';

/** Reporting: response times, SLA compliance, funnel conversion, sources, disqualifications, cohorts, stuck leads. */
export async function metricsRoutes(untyped: FastifyInstance, services: AppServices): Promise<void> {
  const app = untyped as TypedApp;
  const metrics = new LeadMetrics(services.db);

  app.get(
    '/api/metrics/response-times',
    {
      config,
      schema: {
        summary:
          'Speed-to-lead (capture → first contact) and time-to-assign (capture → first rep): n, median, p90, histogram, share within the SLA',
        description: cohortNote,
        tags,
        querystring: SlaMetricQuery,
        response: { 200: ResponseTimesSchema },
      },
    },
    async (request) => metrics.responseTimes(request.query),
  );

  app.get(
    '/api/metrics/sla',
    {
      config,
      schema: {
        summary:
          'SLA compliance per rep, per team and overall: each assignment met, missed or still pending the first contact within slaMinutes',
        description: `${cohortNote} The team filter is the assignment's team.`,
        tags,
        querystring: SlaMetricQuery,
        response: { 200: SlaSchema },
      },
    },
    async (request) => metrics.sla(request.query),
  );

  app.get(
    '/api/metrics/conversion',
    {
      config,
      schema: {
        summary:
          'Stage-to-stage conversion new → MQL → SQL → meeting → won, disqualifications and every recorded stage move',
        description: cohortNote,
        tags,
        querystring: MetricQuery,
        response: { 200: ConversionSchema },
      },
    },
    async (request) => metrics.conversion(request.query),
  );

  app.get(
    '/api/metrics/sources',
    {
      config,
      schema: {
        summary: 'Leads and conversion by source, credited to the first touch and to the last touch',
        description: cohortNote,
        tags,
        querystring: MetricQuery,
        response: { 200: SourcesSchema },
      },
    },
    async (request) => metrics.sources(request.query),
  );

  app.get(
    '/api/metrics/disqualifications',
    {
      config,
      schema: {
        summary: 'Disqualified leads by reason and by the stage they had reached',
        description: cohortNote,
        tags,
        querystring: MetricQuery,
        response: { 200: DisqualificationsSchema },
      },
    },
    async (request) => metrics.disqualifications(request.query),
  );

  app.get(
    '/api/metrics/cohorts',
    {
      config,
      schema: {
        summary: 'Weekly capture cohorts (weeks from Monday, UTC) followed through the funnel to now',
        description: cohortNote,
        tags,
        querystring: MetricQuery,
        response: { 200: CohortsSchema },
      },
    },
    async (request) => metrics.cohorts(request.query),
  );

  app.get(
    '/api/metrics/stuck',
    {
      config,
      schema: {
        summary: 'Leads at one node for longer than stuckMinutes, by node, longest first',
        description: 'Describes now: the capture range does not apply; team and source do.',
        tags,
        querystring: StuckMetricQuery,
        response: { 200: StuckSchema },
      },
    },
    async (request) => metrics.stuck(request.query),
  );
}
