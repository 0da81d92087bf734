import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { NodeServerContext } from '../node-server.js';
import { TaskListQuery, type TaskFilters, TaskPageSchema, TaskSchema } from './contract.js';
import { TaskStore } from './task-store.js';

const tags = ['tasks'];
const IdParams = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) });

/** The to-dos task nodes make for reps: list them, mark one done. A rep token sees only its own. */
export async function taskRoutes(app: FastifyInstance, context: NodeServerContext): Promise<void> {
  const tasks = new TaskStore(context);
  app.get<{ Querystring: TaskFilters }>(
    '/api/tasks',
    {
      config: { allow: ['admin', 'editor', 'viewer', 'rep'] },
      schema: {
        summary: 'Tasks made by task nodes, soonest due first, with a cursor',
        tags,
        querystring: TaskListQuery,
        response: { 200: TaskPageSchema },
      },
    },
    async (request) => tasks.list(request.query, context.repScopeOf(request)),
  );
  app.post<{ Params: { id: string } }>(
    '/api/tasks/:id/complete',
    {
      config: { allow: ['admin', 'rep'] },
      schema: {
        summary: "Mark a task done; the lead's run receives a task_completed event",
        tags,
        params: IdParams,
        response: { 200: TaskSchema },
      },
    },
    async (request) => tasks.complete(request.params.id, context.repScopeOf(request)),
  );
}
