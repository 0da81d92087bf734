import { appendLeadEvent, type Database, type LeadRow } from '@leadflow/engine/db';
import {
  type CaptureIntakeConfig,
  DEFAULT_MERGE_POLICY,
  type IntakeHints,
  intakeLead,
  type NormalizedLead,
  type RawLead,
} from '@leadflow/nodes';
import type { Kysely } from 'kysely';
import { Errors } from '../errors.js';
import { type AssignmentResult, assignmentResult } from './assignment-result.js';
import { assertSameRequest, requestHash } from './idempotency.js';
import { leadInsertValues } from './lead-insert.js';
import { type FieldChange, mergeSubmission } from './lead-merge.js';
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

/** What the channel adds to a submission: the caller's Idempotency-Key, hints for reading it. */
export interface CaptureOptions {
  idempotencyKey?: string;
  hints?: IntakeHints;
}

export type CaptureResult = (
  | { outcome: 'created'; lead: LeadView; started: boolean }
  | {
      outcome: 'duplicate';
      lead: LeadView;
      delivered: boolean;
      matchedOn: MatchedOn;
      changes: Record<string, FieldChange>;
    }
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

  async capture(request: CaptureRequest, options: CaptureOptions = {}, now = new Date()): Promise<CaptureResult> {
    return this.take(request, options, now, null);
  }

  /**
   * As `capture`, then holds the answer until the lead has an owner or its run stops without one
   * (a wait, an end), for at most `timeoutMs` (capped at MAX_ASSIGNMENT_WAIT_MS). A new lead's run
   * starts with update-with-start, so the wait costs no extra round trip.
   */
  async captureAwaitingAssignment(
    request: CaptureRequest,
    options: CaptureOptions = {},
    timeoutMs = MAX_ASSIGNMENT_WAIT_MS,
  ): Promise<CaptureResult> {
    const result = await this.take(request, options, new Date(), Math.min(timeoutMs, MAX_ASSIGNMENT_WAIT_MS));
    if (result.assignment) return result;
    // A known lead: ask its running workflow (it answers at once if already settled).
    const { row, assignment } = await assignmentResult(
      this.db,
      result.lead.id,
      await this.runs.awaitAssignment(result.lead.id, Math.min(timeoutMs, MAX_ASSIGNMENT_WAIT_MS)),
    );
    return { ...result, lead: leadView(row), assignment };
  }

  private async take(
    request: CaptureRequest,
    options: CaptureOptions,
    now: Date,
    awaitMs: number | null,
  ): Promise<CaptureResult> {
    const key = options.idempotencyKey;
    const idempotency = key ? { key, hash: requestHash(request) } : null;
    if (idempotency) {
      const earlier = await this.replayOf(idempotency);
      if (earlier) return earlier;
    }
    const workflow = request.workflow
      ? await this.workflows.find(request.workflow)
      : await this.workflows.findDefault();
    if (workflow.archived_at) throw Errors.archived(workflow.slug);
    const { version, plan } = await this.workflows.latestPlan(workflow);
    const config = plan.nodes[plan.entry]?.config as CaptureIntakeConfig;
    const result = intakeLead(request, config, now, options.hints);
    if (!result.ok) throw Errors.invalidLead(result.errors);
    const lead = result.lead;
    const account = lead.accountDomain ? await this.accountByDomain(lead.accountDomain) : undefined;

    const inserted = await this.db
      .insertInto('leads')
      .values(leadInsertValues({ id: workflow.id, version }, lead, account, idempotency))
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();

    if (!inserted) return this.joinExisting(lead, config, idempotency, now);
    leadflowMetrics.leadsCaptured.inc({ channel: lead.channel });
    let wait: AssignmentWait;
    try {
      if (awaitMs === null)
        return { outcome: 'created', lead: leadView(await this.runs.startLoaded(inserted, plan)), started: true };
      ({ wait } = await this.runs.startAwaitingAssignment(inserted, plan, awaitMs));
    } catch {
      // Kept with workflow_started_at unset; the pending-start sweep starts it when Temporal is back.
      return {
        outcome: 'created',
        lead: leadView(inserted),
        started: false,
        ...(awaitMs !== null && { assignment: { owner: null, timedOut: true } }),
      };
    }
    const { row, assignment } = await assignmentResult(this.db, inserted.id, wait);
    return { outcome: 'created', lead: leadView(row), started: true, assignment };
  }

  /**
   * The answer a capture with this Idempotency-Key got before, if there was one: the lead it
   * created, or the lead it joined as a resubmission. The same key with another request is a 422.
   */
  private async replayOf(idempotency: { key: string; hash: string }): Promise<CaptureResult | null> {
    const created = await this.db
      .selectFrom('leads')
      .selectAll()
      .where('idempotency_key', '=', idempotency.key)
      .executeTakeFirst();
    if (created) {
      assertSameRequest(idempotency.key, created.idempotency_hash, idempotency.hash);
      return { outcome: 'replayed', lead: leadView(created) };
    }
    const joined = await this.db
      .selectFrom('lead_events')
      .innerJoin('leads', 'leads.id', 'lead_events.lead_id')
      .selectAll('leads')
      .select('lead_events.idempotency_hash as event_hash')
      .where('lead_events.type', '=', 'resubmitted')
      .where('lead_events.idempotency_key', '=', captureEventKey(idempotency.key))
      .executeTakeFirst();
    if (!joined) return null;
    assertSameRequest(idempotency.key, joined.event_hash, idempotency.hash);
    return { outcome: 'replayed', lead: leadView(joined) };
  }

  /**
   * The same person again: fields merge under the capture node's policy, the lead gets a new last
   * touch and a `resubmitted` event that says what changed. A match by name also records the
   * address it came with, which the lead does not keep.
   */
  private async joinExisting(
    lead: NormalizedLead,
    config: CaptureIntakeConfig,
    idempotency: { key: string; hash: string } | null,
    now: Date,
  ): Promise<CaptureResult> {
    if (idempotency) {
      const raced = await this.replayOf(idempotency);
      if (raced) return raced;
    }
    const { existing, matchedOn } = await this.findDuplicate(lead);
    const { fresh, event, changes } = await this.db.transaction().execute(async (trx) => {
      // Locked, so two resubmissions at once merge one after the other.
      const current = await trx
        .selectFrom('leads')
        .selectAll()
        .where('id', '=', existing.id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const { update, changes, patch } = mergeSubmission(current, lead, config.mergePolicy ?? DEFAULT_MERGE_POLICY);
      // `patch` is what the run applies to its copy of the lead, so its conditions see the new fields.
      const data = {
        touch: lead.touch,
        ...(matchedOn !== 'email' && { matchedOn, email: lead.email }),
        ...(Object.keys(changes).length > 0 && { changes, patch }),
      };
      const fresh = await trx
        .updateTable('leads')
        .set({ ...update, last_touch: JSON.stringify(lead.touch), updated_at: now })
        .where('id', '=', existing.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const event = await appendLeadEvent(trx, {
        lead_id: existing.id,
        type: 'resubmitted',
        data: JSON.stringify(data),
        occurred_at: now,
        idempotency_key: idempotency ? captureEventKey(idempotency.key) : null,
        idempotency_hash: idempotency?.hash ?? null,
      });
      return { fresh, event, changes };
    });
    const delivered = await this.runs.ring(existing.id, event.seq);
    return { outcome: 'duplicate', lead: leadView(fresh), delivered, matchedOn, changes };
  }

  /**
   * The lead an insert clashed with. Email first: an address is the surer key, and it is the only
   * one a v1 capture node sets. The clashing row is committed by now (ON CONFLICT waits for it).
   */
  private async findDuplicate(lead: NormalizedLead): Promise<{ existing: LeadRow; matchedOn: MatchedOn }> {
    const byEmail = await this.db
      .selectFrom('leads')
      .selectAll()
      .where('email_normalized', '=', lead.email)
      .executeTakeFirst();
    if (byEmail) return { existing: byEmail, matchedOn: 'email' };
    if (lead.personKey) {
      const byPerson = await this.db
        .selectFrom('leads')
        .selectAll()
        .where('person_key', '=', lead.personKey)
        .executeTakeFirst();
      if (byPerson) return { existing: byPerson, matchedOn: 'company_name' };
    }
    throw new Error(
      `the lead for ${lead.email} clashed with an existing lead, but none has that email or person key ${lead.personKey ?? '(none)'}`,
    );
  }

  /** The known account of a business email domain (capture v2 matchAccount), with its owner. */
  async accountByDomain(domain: string): Promise<{ id: string; owner_rep_id: string | null } | undefined> {
    return this.db
      .selectFrom('accounts')
      .select(['id', 'owner_rep_id'])
      .where('domain', '=', domain)
      .executeTakeFirst();
  }
}

/** A capture's Idempotency-Key as kept on the `resubmitted` event it recorded (event keys are the posters'). */
function captureEventKey(key: string): string {
  return `capture:${key}`;
}
