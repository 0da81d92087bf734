import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ownerScopeOf } from '../auth/principal.js';
import { LEAD_READERS } from '../plugins/route-access.js';
import { UuidParams } from '../contract/common.js';
import { TaskPageSchema, TaskSchema } from '../contract/inbox.js';
import type { AppServices } from '../services/app-services.js';
import type { TypedApp } from './typed-app.js';

const tags = ['tasks'];

const TaskListQuery = Type.Object(
  {
    rep: Type.Optional(Type.String({ format: 'uuid', maxLength: 36 })),
    lead: Type.Optional(Type.String({ format: 'uuid', maxLength: 36 })),
    status: Type.Optional(Type.Enum(['open', 'done'])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'Tasks per page (default 100).' })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the page before.' })),
  },
  { additionalProperties: false },
);

/** The to-dos task nodes make for reps: list them, mark one done. */
export async function taskRoutes(untyped: FastifyInstance, services: AppServices): Promise<void> {
  const app = untyped as TypedApp;
  app.get(
    '/api/tasks',
    {
      config: { allow: LEAD_READERS },
      schema: {
        summary: 'Tasks made by task nodes, soonest due first, with a cursor',
        tags,
        querystring: TaskListQuery,
        response: { 200: TaskPageSchema },
      },
    },
    async (request) => services.tasks.list(request.query, ownerScopeOf(request)),
  );
  app.post(
    '/api/tasks/:id/complete',
    {
      config: { allow: ['admin', 'rep'] },
      schema: {
        summary: "Mark a task done; the lead's run receives a task_completed event",
        tags,
        params: UuidParams,
        response: { 200: TaskSchema },
      },
    },
    async (request) => services.tasks.complete(request.params.id, ownerScopeOf(request)),
  );
}
