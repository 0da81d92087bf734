import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { probe as check } from '../lifecycle/readiness.js';
import type { AppServices } from '../services/app-services.js';

const Check = Type.Object({ ok: Type.Boolean(), error: Type.Optional(Type.String()) });

export async function healthRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  app.get(
    '/healthz',
    {
      config: { allow: 'public' },
      schema: {
        summary: 'Whether the server can reach Postgres and Temporal',
        tags: ['health'],
        security: [],
        response: {
          200: Type.Object({ status: Type.String(), db: Check, temporal: Check }),
          503: Type.Object({ status: Type.String(), db: Check, temporal: Check }),
        },
      },
    },
    async (_request, reply) => {
      const [db, temporal] = await Promise.all([
        check(() => sql`SELECT 1`.execute(services.db)),
        check(() => services.temporal.workflowService.getSystemInfo({})),
      ]);
      const ok = db.ok && temporal.ok;
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', db, temporal });
    },
  );
}
