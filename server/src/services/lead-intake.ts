import type { LeadEvent } from '@leadflow/engine';
import type { Database } from '@leadflow/engine/db';
import { intakeLead, type RawLead } from '@leadflow/nodes';
import type { Kysely } from 'kysely';
import { Errors } from '../errors.js';
import type { LeadRuns } from './lead-runs.js';
import { type LeadView, leadView } from './lead-view.js';
import type { WorkflowStore } from './workflow-store.js';

export interface CaptureRequest extends RawLead {
  /** Workflow id or slug; the default workflow when absent. */
  workflow?: string;
}

export type CaptureResult =
  | { outcome: 'created'; lead: LeadView; started: boolean }
  | { outcome: 'duplicate'; lead: LeadView; delivered: boolean }
  | { outcome: 'replayed'; lead: LeadView };

/**
 * The capture channel every submission goes through: validate and normalize against the
 * workflow's capture node, merge duplicates, then start the lead's run. A refused submission
 * writes nothing.
 */
export class LeadIntake {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly workflows: WorkflowStore,
    private readonly runs: LeadRuns,
  ) {}

  async capture(request: CaptureRequest, idempotencyKey: string | undefined, now = new Date()): Promise<CaptureResult> {
    if (idempotencyKey) {
      const earlier = await this.db.selectFrom('leads').selectAll().where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
      if (earlier) return { outcome: 'replayed', lead: leadView(earlier) };
    }
    const workflow = request.workflow ? await this.workflows.find(request.workflow) : await this.workflows.findDefault();
    if (workflow.archived_at) throw Errors.archived(workflow.slug);
    const { version, plan } = await this.workflows.latestPlan(workflow);
    const entry = plan.nodes[plan.entry];
    const result = intakeLead(request, entry?.config as never, now);
    if (!result.ok) throw Errors.invalidLead(result.errors);
    const lead = result.lead;
    const touch = JSON.stringify(lead.touch);

    const inserted = await this.db
      .insertInto('leads')
      .values({
        workflow_id: workflow.id,
        workflow_version: version,
        email: lead.email,
        email_normalized: lead.email,
        first_name: lead.firstName,
        last_name: lead.lastName,
        company: lead.company,
        title: lead.title,
        phone: lead.phone,
        country: lead.country,
        source: lead.source,
        channel: lead.channel,
        fields: JSON.stringify({ fullName: lead.fullName }),
        custom: JSON.stringify(lead.custom),
        first_touch: touch,
        last_touch: touch,
        idempotency_key: idempotencyKey ?? null,
      })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();

    if (!inserted) return this.joinExisting(lead.email, touch, idempotencyKey, now);
    let started = true;
    try {
      await this.runs.start(inserted.id);
    } catch {
      // Kept with workflow_started_at unset; the pending-start sweep starts it when Temporal is back.
      started = false;
    }
    const fresh = await this.db.selectFrom('leads').selectAll().where('id', '=', inserted.id).executeTakeFirstOrThrow();
    return { outcome: 'created', lead: leadView(fresh), started };
  }

  /** The same person again: the existing lead gets a `resubmitted` event and a new last touch. */
  private async joinExisting(email: string, touch: string, idempotencyKey: string | undefined, now: Date): Promise<CaptureResult> {
    if (idempotencyKey) {
      const raced = await this.db.selectFrom('leads').selectAll().where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
      if (raced) return { outcome: 'replayed', lead: leadView(raced) };
    }
    const existing = await this.db.selectFrom('leads').selectAll().where('email_normalized', '=', email).executeTakeFirstOrThrow();
    const event = await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('leads').set({ last_touch: touch, updated_at: now }).where('id', '=', existing.id).execute();
      return trx
        .insertInto('lead_events')
        .values({ lead_id: existing.id, type: 'resubmitted', data: JSON.stringify({ touch: JSON.parse(touch) }), occurred_at: now })
        .returning(['id', 'occurred_at'])
        .executeTakeFirstOrThrow();
    });
    const signal: LeadEvent = { id: event.id, type: 'resubmitted', at: event.occurred_at.toISOString(), data: { touch: JSON.parse(touch) } };
    const delivered = await this.runs.signal(existing.id, signal).catch(() => false);
    const fresh = await this.db.selectFrom('leads').selectAll().where('id', '=', existing.id).executeTakeFirstOrThrow();
    return { outcome: 'duplicate', lead: leadView(fresh), delivered };
  }
}
