import { sql } from 'kysely';
import type { NodeServerPart } from '../node-server.js';
import { taskMigrations } from './migrations.js';
import { taskRoutes } from './routes.js';

/** The task node's API-server half: its table, `/api/tasks`, and its rows in erasure and rep removal. */
export const taskServer: NodeServerPart = {
  name: 'task',
  migrations: taskMigrations,
  routes: taskRoutes,
  async eraseLead(trx, leadId) {
    await trx.deleteFrom('tasks').where('lead_id', '=', leadId).execute();
  },
  async repReferences(db, repId): Promise<Record<string, number>> {
    const { n } = await db
      .selectFrom('tasks')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('rep_id', '=', repId)
      .executeTakeFirstOrThrow();
    return n > 0 ? { tasks: n } : {};
  },
};
