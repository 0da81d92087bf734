import type { Database } from '@leadflow/engine/db';
import type { Kysely, Selectable } from 'kysely';
import { Errors } from '../errors.js';
import type { LeadEvents } from './lead-events.js';
import type { OwnerScope } from './owner-scope.js';
import { afterPosition, cursorTime, decodeCursor, keysetPage } from './keyset-cursor.js';
import type { Task } from '../contract/inbox.js';

/** A task as the API shows it (TaskSchema). */
export type TaskView = Task;

function taskView(row: Selectable<Database['tasks']>): TaskView {
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

export interface TaskFilters {
  rep?: string;
  lead?: string;
  status?: string;
  limit?: number;
  cursor?: string;
}

/** Reps' to-dos made by task nodes; completing one tells the lead's run (`task_completed`). */
export class TaskStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly events: LeadEvents,
  ) {}

  /** Tasks, soonest due first; within `scope` only the rep's own. Pass `nextCursor` back for the next page. */
  async list(filters: TaskFilters, scope?: OwnerScope): Promise<{ tasks: TaskView[]; nextCursor: string | null }> {
    const limit = filters.limit ?? 100;
    let query = this.db
      .selectFrom('tasks')
      .selectAll()
      .select(cursorTime('due_at').as('cursor_at'))
      .orderBy('due_at')
      .orderBy('id')
      .limit(limit + 1);
    if (scope) query = query.where('rep_id', '=', scope.repId);
    if (filters.rep) query = query.where('rep_id', '=', filters.rep);
    if (filters.lead) query = query.where('lead_id', '=', filters.lead);
    if (filters.status) query = query.where('status', '=', filters.status);
    if (filters.cursor) query = query.where(afterPosition('due_at', 'id', decodeCursor(filters.cursor), 'asc'));
    const { rows, nextCursor } = keysetPage(await query.execute(), limit);
    return { tasks: rows.map(taskView), nextCursor };
  }

  /** Marks a task done (again: keeps the first time); within `scope` only the rep's own tasks exist. */
  async complete(id: string, scope?: OwnerScope): Promise<TaskView> {
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
      if (!existing) throw Errors.notFound('task', id);
      return taskView(existing);
    }
    await this.events.post(row.lead_id, { type: 'task_completed', data: { taskId: row.id, title: row.title } });
    return taskView(row);
  }
}
