import type { Database } from '@leadflow/engine/db';
import type { Kysely, Selectable } from 'kysely';
import { Errors } from '../errors.js';
import type { LeadEvents } from './lead-events.js';

export interface TaskView {
  id: string;
  leadId: string;
  repId: string | null;
  title: string;
  note: string;
  priority: string;
  dueAt: string;
  status: string;
  createdAt: string;
  completedAt: string | null;
}

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

/** Reps' to-dos made by task nodes; completing one tells the lead's run (`task_completed`). */
export class TaskStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly events: LeadEvents,
  ) {}

  async list(filters: { rep?: string; lead?: string; status?: string }): Promise<TaskView[]> {
    let query = this.db.selectFrom('tasks').selectAll().orderBy('due_at').limit(500);
    if (filters.rep) query = query.where('rep_id', '=', filters.rep);
    if (filters.lead) query = query.where('lead_id', '=', filters.lead);
    if (filters.status) query = query.where('status', '=', filters.status);
    return (await query.execute()).map(taskView);
  }

  async complete(id: string): Promise<TaskView> {
    const row = await this.db
      .updateTable('tasks')
      .set({ status: 'done', completed_at: new Date() })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const existing = await this.db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
      if (!existing) throw Errors.notFound('task', id);
      return taskView(existing);
    }
    await this.events.post(row.lead_id, { type: 'task_completed', data: { taskId: row.id, title: row.title } });
    return taskView(row);
  }
}
