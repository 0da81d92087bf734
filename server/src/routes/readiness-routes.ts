import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Readiness } from '../lifecycle/readiness.js';

const Check = Type.Object({ ok: Type.Boolean(), error: Type.Optional(Type.String()) });
const Report = Type.Object({
  status: Type.String(),
  db: Check,
  temporal: Check,
  migrations: Check,
  draining: Type.Boolean(),
});

/** `/readyz`: whether to route traffic here (see Readiness); `/healthz` only says the process is alive and its dependencies answer. */
export async function readinessRoutes(app: FastifyInstance, readiness: Readiness): Promise<void> {
  app.get(
    '/readyz',
    {
      config: { allow: 'public' },
      schema: {
        summary: 'Whether this server should receive traffic: dependencies up, schema current, not shutting down',
        tags: ['health'],
        security: [],
        response: { 200: Report, 503: Report },
      },
    },
    async (_request, reply) => {
      const { ready, ...report } = await readiness.report();
      return reply
        .status(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : report.draining ? 'draining' : 'not ready', ...report });
    },
  );
}
