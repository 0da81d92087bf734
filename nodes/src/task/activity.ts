import { defineNodeActivity } from '@leadflow/engine/worker';
import type { Kysely } from 'kysely';
import { renderTemplate } from '../shared/template.js';
import { parseDuration } from '../wait/duration.js';
import { task } from './definition.js';
import type { TaskTables } from './tables.js';

/** One task per lead + node + visit: a retried activity finds the task it already made. */
export const taskActivity = defineNodeActivity(task, async (config, ctx) => {
  const title = renderTemplate(config.title, ctx.lead, { singleLine: true });
  const dueAt = new Date(Date.now() + (parseDuration(config.dueIn) ?? 0));
  // The task table is the node's own (tables.ts), not part of Leadflow's schema type.
  const db = ctx.db as unknown as Kysely<TaskTables>;
  await db
    .insertInto('tasks')
    .values({
      idempotency_key: ctx.idempotencyKey,
      lead_id: ctx.leadId,
      rep_id: ctx.lead.ownerId,
      title,
      note: renderTemplate(config.note ?? '', ctx.lead),
      priority: config.priority,
      due_at: dueAt,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
  const row = await db
    .selectFrom('tasks')
    .select(['id', 'due_at', 'rep_id'])
    .where('idempotency_key', '=', ctx.idempotencyKey)
    .executeTakeFirstOrThrow();
  const due = new Date(row.due_at).toISOString();
  const who = ctx.lead.ownerName ?? (row.rep_id ? 'the owner' : 'nobody (the lead has no owner yet)');
  return {
    port: 'out',
    output: { taskId: row.id, title, dueAt: due, repId: row.rep_id },
    reason: `task "${title}" for ${who}, due ${due.slice(0, 16).replace('T', ' ')} UTC`,
  };
});
