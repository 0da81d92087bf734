import type { LeadEvent } from '@leadflow/engine';
import type { Database, LeadRow } from '@leadflow/engine/db';
import { intakeLead, type NormalizedLead, type RawLead } from '@leadflow/nodes';
import type { Kysely } from 'kysely';
import { Errors } from '../errors.js';
import { type AssignmentResult, assignmentResult } from './assignment-result.js';
import { leadInsertValues } from './lead-insert.js';
import type { AssignmentWait, LeadRuns } from './lead-runs.js';
import { type LeadView, leadView } from './lead-view.js';
import type { WorkflowStore } from './workflow-store.js';
import { leadflowMetrics } from '../observability/leadflow-metrics.js';

export interface CaptureRequest extends RawLead {
  /** Workflow id or slug; the default workflow when absent. */
  workflow?: string;
}

/** The key a duplicate was found by: its email, or (capture v2) its company domain and full name. */
export type MatchedOn = 'email' | 'company_name';

export type CaptureResult = (
  | { outcome: 'created'; lead: LeadView; started: boolean }
  | { outcome: 'duplicate'; lead: LeadView; delivered: boolean; matchedOn: MatchedOn }
  | { outcome: 'replayed'; lead: LeadView }
) & {
  /** Set when the capture asked to wait for its assignment. */
  assignment?: AssignmentResult;
};

/** The longest a capture may hold its request open waiting for the lead's owner. */
export const MAX_ASSIGNMENT_WAIT_MS = 10_000;

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
    return this.take(request, idempotencyKey, now, null);
  }

  /**
   * As `capture`, then holds the answer until the lead has an owner or its run stops without one
   * (a wait, an end), for at most `timeoutMs` (capped at MAX_ASSIGNMENT_WAIT_MS). A new lead's run
   * starts with update-with-start, so the wait costs no extra round trip.
   */
  async captureAwaitingAssignment(request: CaptureRequest, idempotencyKey: string | undefined, timeoutMs = MAX_ASSIGNMENT_WAIT_MS): Promise<CaptureResult> {
    const result = await this.take(request, idempotencyKey, new Date(), Math.min(timeoutMs, MAX_ASSIGNMENT_WAIT_MS));
    if (result.assignment) return result;
    // A known lead: ask its running workflow (it answers at once if already settled).
    const { row, assignment } = await assignmentResult(this.db, result.lead.id, await this.runs.awaitAssignment(result.lead.id, Math.min(timeoutMs, MAX_ASSIGNMENT_WAIT_MS)));
    return { ...result, lead: leadView(row), assignment };
  }

  private async take(request: CaptureRequest, idempotencyKey: string | undefined, now: Date, awaitMs: number | null): Promise<CaptureResult> {
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
    const account = lead.accountDomain ? await this.accountByDomain(lead.accountDomain) : undefined;

    const inserted = await this.db
      .insertInto('leads')
      .values(leadInsertValues({ id: workflow.id, version }, lead, account, idempotencyKey ?? null))
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();

    if (!inserted) return this.joinExisting(lead, touch, idempotencyKey, now);
    leadflowMetrics.leadsCaptured.inc({ channel: lead.channel });
    let wait: AssignmentWait;
    try {
      if (awaitMs === null) return { outcome: 'created', lead: leadView(await this.runs.startLoaded(inserted, plan)), started: true };
      ({ wait } = await this.runs.startAwaitingAssignment(inserted, plan, awaitMs));
    } catch {
      // Kept with workflow_started_at unset; the pending-start sweep starts it when Temporal is back.
      return { outcome: 'created', lead: leadView(inserted), started: false, ...(awaitMs !== null && { assignment: { owner: null, timedOut: true } }) };
    }
    const { row, assignment } = await assignmentResult(this.db, inserted.id, wait);
    return { outcome: 'created', lead: leadView(row), started: true, assignment };
  }

  /**
   * The same person again: the existing lead gets a `resubmitted` event and a new last touch. A
   * match by name also records the address it came with, which the lead does not keep.
   */
  private async joinExisting(lead: NormalizedLead, touch: string, idempotencyKey: string | undefined, now: Date): Promise<CaptureResult> {
    if (idempotencyKey) {
      const raced = await this.db.selectFrom('leads').selectAll().where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
      if (raced) return { outcome: 'replayed', lead: leadView(raced) };
    }
    const { existing, matchedOn } = await this.findDuplicate(lead);
    const data = matchedOn === 'email' ? { touch: lead.touch } : { touch: lead.touch, matchedOn, email: lead.email };
    const { fresh, event } = await this.db.transaction().execute(async (trx) => {
      const fresh = await trx.updateTable('leads').set({ last_touch: touch, updated_at: now }).where('id', '=', existing.id).returningAll().executeTakeFirstOrThrow();
      const event = await trx
        .insertInto('lead_events')
        .values({ lead_id: existing.id, type: 'resubmitted', data: JSON.stringify(data), occurred_at: now })
        .returning(['id', 'occurred_at'])
        .executeTakeFirstOrThrow();
      return { fresh, event };
    });
    const signal: LeadEvent = { id: event.id, type: 'resubmitted', at: event.occurred_at.toISOString(), data };
    const delivered = await this.runs.signal(existing.id, signal).catch(() => false);
    return { outcome: 'duplicate', lead: leadView(fresh), delivered, matchedOn };
  }

  /**
   * The lead an insert clashed with. Email first: an address is the surer key, and it is the only
   * one a v1 capture node sets. The clashing row is committed by now (ON CONFLICT waits for it).
   */
  private async findDuplicate(lead: NormalizedLead): Promise<{ existing: LeadRow; matchedOn: MatchedOn }> {
    const byEmail = await this.db.selectFrom('leads').selectAll().where('email_normalized', '=', lead.email).executeTakeFirst();
    if (byEmail) return { existing: byEmail, matchedOn: 'email' };
    if (lead.personKey) {
      const byPerson = await this.db.selectFrom('leads').selectAll().where('person_key', '=', lead.personKey).executeTakeFirst();
      if (byPerson) return { existing: byPerson, matchedOn: 'company_name' };
    }
    throw new Error(`the lead for ${lead.email} clashed with an existing lead, but none has that email or person key ${lead.personKey ?? '(none)'}`);
  }

  /** The known account of a business email domain (capture v2 matchAccount), with its owner. */
  async accountByDomain(domain: string): Promise<{ id: string; owner_rep_id: string | null } | undefined> {
    return this.db.selectFrom('accounts').select(['id', 'owner_rep_id']).where('domain', '=', domain).executeTakeFirst();
  }
}
