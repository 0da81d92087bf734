import type { LeadKeys } from '@leadflow/engine/crypto';
import type { NodeServerPart } from '@leadflow/nodes/server';
import type { Database } from '@leadflow/engine/db';
import { leadWorkflowId } from '@leadflow/engine/workflow';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { type Kysely, sql } from 'kysely';
import { Errors } from '../errors.js';
import { type Actor, writeAudit } from './audit-log.js';

/** The address an erased lead's row keeps: unique, and nobody's. */
const erasedEmail = (leadId: string): string => `erased-${leadId}@erased.invalid`;

/**
 * Honours an erasure request (GDPR, CCPA): the lead's run is terminated; its personal fields,
 * event data, step inputs and outputs, notifications, and what node types keep of it (their
 * `eraseLead`: the task node's tasks, a package's rows) are removed or scrubbed in one transaction; its data key is destroyed, so its Temporal history — every run, wherever copied —
 * can no longer be decrypted. What stays is a tombstone without personal data (id, workflow,
 * source and channel, stage history, step and event kinds and times), so the metrics keep
 * counting it; the audit log records who erased it.
 */
export class LeadErasure {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly temporal: Client,
    private readonly leadKeys: LeadKeys,
    /** Node types' own tables hold lead data too (tasks, a package's lookups): each erases its rows. */
    private readonly nodeParts: readonly NodeServerPart[],
  ) {}

  async erase(leadId: string, actor: Actor): Promise<{ id: string; erasedAt: string }> {
    const lead = await this.db
      .selectFrom('leads')
      .select(['id', 'erased_at'])
      .where('id', '=', leadId)
      .executeTakeFirst();
    if (!lead) throw Errors.notFound('lead', leadId);
    if (lead.erased_at) return { id: leadId, erasedAt: lead.erased_at.toISOString() };
    await this.stopRun(leadId);
    const erasedAt = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('leads')
        .set({
          email: erasedEmail(leadId),
          email_normalized: erasedEmail(leadId),
          person_key: null,
          first_name: null,
          last_name: null,
          company: null,
          company_normalized: null,
          title: null,
          phone: null,
          phone_raw: null,
          phone_valid: null,
          fields: '{}',
          custom: '{}',
          idempotency_key: null,
          idempotency_hash: null,
          waiting: null,
          run_status: 'completed',
          current_node_id: null,
          erased_at: sql<Date>`now()`,
          updated_at: sql<Date>`now()`,
        })
        .where('id', '=', leadId)
        .returning('erased_at')
        .executeTakeFirstOrThrow();
      // Kinds and times stay (the metrics count them); what they said goes.
      await trx
        .updateTable('lead_events')
        .set({ data: '{}', idempotency_key: null, idempotency_hash: null })
        .where('lead_id', '=', leadId)
        .execute();
      await trx
        .updateTable('steps')
        .set({ input: null, output: null, reason: null, error: null, waiting: null })
        .where('lead_id', '=', leadId)
        .execute();
      await trx.deleteFrom('notifications').where('lead_id', '=', leadId).execute();
      for (const part of this.nodeParts) await part.eraseLead?.(trx, leadId);
      await this.leadKeys.shred(trx, leadId);
      await writeAudit(trx, actor, { action: 'lead.erased', subjectType: 'lead', subjectId: leadId });
      return row.erased_at as Date;
    });
    return { id: leadId, erasedAt: erasedAt.toISOString() };
  }

  /** Terminates the lead's run, if one is going: nothing may write for the lead after its erasure. */
  private async stopRun(leadId: string): Promise<void> {
    try {
      await this.temporal.workflow.getHandle(leadWorkflowId(leadId)).terminate('the lead was erased on request');
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return;
      // A finished run cannot be terminated; anything else (Temporal down) must not leave a half-erased lead.
      if (
        error instanceof Error &&
        /not running|already completed|workflow execution already completed/i.test(error.message)
      )
        return;
      throw Errors.unavailable(
        `the lead's run could not be stopped (${error instanceof Error ? error.message : String(error)}); nothing was erased, try again`,
      );
    }
  }
}
