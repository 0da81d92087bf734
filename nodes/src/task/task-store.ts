import type { Kysely, Selectable } from 'kysely';
import type { NodeServerContext } from '../node-server.js';
import type { Task, TaskFilters } from './contract.js';
import type { TaskTable, TaskTables } from './tables.js';

function taskView(row: Selectable<TaskTable>): Task {
  return {
    id: row.id,
    leadId: row.lead_id,
    repId: row.rep_id,
    title: row.title,
    note: row.note,
    priority: row.priority,
    dueAt: new Date(row.due_at).toISOString(),
    status: row.status,
    createdAt: row.created_at.toISOString(),
    completedAt: row.completed_at?.toISOString() ?? null,
  };
}

/** Reps' to-dos made by task nodes; completing one tells the lead's run (`task_completed`). */
export class TaskStore {
  private readonly db: Kysely<TaskTables>;

  constructor(private readonly context: NodeServerContext) {
    this.db = context.db as Kysely<TaskTables>;
  }

  /** Tasks, soonest due first; within `scope` only the rep's own. Pass `nextCursor` back for the next page. */
  async list(filters: TaskFilters, scope?: { repId: string }): Promise<{ tasks: Task[]; nextCursor: string | null }> {
    const { paging } = this.context;
    const limit = filters.limit ?? 100;
    let query = this.db
      .selectFrom('tasks')
      .selectAll()
      .select(paging.cursorTime('due_at').as('cursor_at'))
      .orderBy('due_at')
      .orderBy('id')
      .limit(limit + 1);
    if (scope) query = query.where('rep_id', '=', scope.repId);
    if (filters.rep) query = query.where('rep_id', '=', filters.rep);
    if (filters.lead) query = query.where('lead_id', '=', filters.lead);
    if (filters.status) query = query.where('status', '=', filters.status);
    if (filters.cursor)
      query = query.where(paging.afterPosition('due_at', 'id', paging.decodeCursor(filters.cursor), 'asc'));
    const { rows, nextCursor } = paging.keysetPage(await query.execute(), limit);
    return { tasks: rows.map(taskView), nextCursor };
  }

  /** Marks a task done (again: keeps the first time); within `scope` only the rep's own tasks exist. */
  async complete(id: string, scope?: { repId: string }): Promise<Task> {
    let update = this.db
      .updateTable('tasks')
      .set({ status: 'done', completed_at: new Date() })
      .where('id', '=', id)
      .where('status', '=', 'open');
    if (scope) update = update.where('rep_id', '=', scope.repId);
    const row = await update.returningAll().executeTakeFirst();
    if (!row) {
      let query = this.db.selectFrom('tasks').selectAll().where('id', '=', id);
      if (scope) query = query.where('rep_id', '=', scope.repId);
      const existing = await query.executeTakeFirst();
      if (!existing) throw this.context.notFound('task', id);
      return taskView(existing);
    }
    await this.context.postLeadEvent(row.lead_id, {
      type: 'task_completed',
      data: { taskId: row.id, title: row.title },
    });
    return taskView(row);
  }
}
