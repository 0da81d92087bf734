import { trace } from '@opentelemetry/api';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import type { Bindings, ChildLoggerOptions } from 'pino';
import { leadflowMetrics } from './leadflow-metrics.js';
import { metricsText, METRICS_CONTENT_TYPE } from './metrics-text.js';

/** Lead routes name the lead in `:id`; their log lines carry it. */
const LEAD_ROUTE = /^\/api\/leads\/:id(\/|$)/;
const LEAD_PATH = /^\/api\/leads\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[/?]|$)/i;

/**
 * Fastify's per-request logger: a request about one lead (`/api/leads/<id>/…`) logs every line —
 * "incoming request", "request completed", errors — with `leadId` and `workflowId`.
 */
export function leadAwareChildLogger(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
  request: { url?: string },
): FastifyBaseLogger {
  const leadId = LEAD_PATH.exec(request.url ?? '')?.[1];
  return logger.child(leadId ? { ...bindings, leadId, workflowId: `lead-${leadId}` } : bindings, options);
}

function route(request: FastifyRequest): string {
  return request.routeOptions.url ?? 'unmatched';
}

/**
 * Per request: latency by route template (never by raw URL, which holds ids), the open
 * Server-Sent Event streams, and the trace span named after the route. Serves `/metrics`.
 */
export function registerHttpObservability(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const template = route(request);
    const span = trace.getActiveSpan();
    if (span && template !== 'unmatched') {
      span.updateName(`${request.method} ${template}`);
      span.setAttribute('http.route', template);
    }
    const leadId = LEAD_ROUTE.test(template) ? (request.params as { id?: string }).id : undefined;
    if (leadId) span?.setAttribute('leadflow.lead_id', leadId);
    if (request.method === 'GET' && template.endsWith('/stream')) {
      leadflowMetrics.sseClients.inc();
      reply.raw.once('close', () => leadflowMetrics.sseClients.dec());
    }
  });
  app.addHook('onResponse', async (request, reply) => {
    leadflowMetrics.httpSeconds.observe(
      { method: request.method, route: route(request), status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  app.get('/metrics', { config: { allow: 'public' }, schema: { hide: true } }, async (_request, reply) =>
    reply.type(METRICS_CONTENT_TYPE).send(await metricsText()),
  );
}
