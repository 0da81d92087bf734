import type { FastifyInstance } from 'fastify';
import { Readiness } from '../lifecycle/readiness.js';
import { registerHttpObservability } from '../observability/http-observability.js';
import { readinessRoutes } from '../routes/readiness-routes.js';
import type { AppServices } from '../services/app-services.js';

/**
 * What running in production adds to the API: `/metrics`, `/readyz`, per-route latency and SSE
 * counts, trace span names, lead ids on log lines, and — once draining — `Connection: close` on
 * every answer, so clients move their keep-alive connections elsewhere before the listener closes.
 */
export async function registerOperations(
  app: FastifyInstance,
  services: AppServices,
  readiness?: Readiness,
): Promise<Readiness> {
  const ready =
    readiness ??
    new Readiness(services.db, () =>
      services.temporal.workflowService.describeNamespace({ namespace: services.temporal.options.namespace }),
    );
  registerHttpObservability(app);
  app.addHook('onSend', async (_request, reply) => {
    if (ready.isDraining) reply.header('connection', 'close');
  });
  await readinessRoutes(app, ready);
  return ready;
}
