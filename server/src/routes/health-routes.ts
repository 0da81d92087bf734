import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { AppServices } from '../services/app-services.js';

const Check = Type.Object({ ok: Type.Boolean(), error: Type.Optional(Type.String()) });

async function check(probe: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
  try {
    await Promise.race([probe(), new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 2s')), 2000).unref())]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

export async function healthRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  app.get(
    '/healthz',
    {
      config: { allow: 'public' },
      schema: {
        summary: 'Whether the server can reach Postgres and Temporal',
        tags: ['health'],
        security: [],
        response: { 200: Type.Object({ status: Type.String(), db: Check, temporal: Check }), 503: Type.Object({ status: Type.String(), db: Check, temporal: Check }) },
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
