import type { LeadEvent } from '@leadflow/engine';
import { appendLeadEvent, type Database, recordStageSignals, stageSignalOfEvent } from '@leadflow/engine/db';
import type { Kysely, Selectable, Updateable } from 'kysely';
import { Errors } from '../errors.js';
import type { LeadRuns } from './lead-runs.js';
import type { OwnerScope } from './owner-scope.js';
import { assertSameRequest, requestHash } from './idempotency.js';
import { checkOutcome, isRepOutcome, type OutcomeEffect, REP_OUTCOMES } from './rep-outcomes.js';

export interface PostedEvent {
  type: string;
  data?: Record<string, unknown>;
  occurredAt?: string;
}

export interface PostedEventResult {
  event: LeadEvent;
  /** The lead's run took the signal (false: it has no running workflow). */
  delivered: boolean;
  /** The same post was recorded before (same Idempotency-Key, or the same outcome again); nothing new was written. */
  replayed: boolean;
}

type EventRow = Pick<Selectable<Database['lead_events']>, 'id' | 'seq' | 'type' | 'data' | 'occurred_at'>;

/** Events that set what a lead's current outcome is; a post repeating the latest of them is a replay. */
const STATE_EVENTS = [...REP_OUTCOMES, 'status_changed'];

/**
 * How long a keyless repeat of the latest outcome counts as the same click. Bounded, so a rep who
 * contacts a recycled lead again months later records a new `contacted` for its new wait.
 */
const REPEAT_WINDOW_MS = 10 * 60_000;

/** Same keys, same primitive values: outcome data is flat, so a shallow look is enough. */
function sameData(a: unknown, b: Record<string, unknown>): boolean {
  const left = (a ?? {}) as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(b).length && keys.every((key) => left[key] === b[key]);
}

/** Records an outside event on the lead (and the funnel stage it reaches), then delivers it to the lead's run. */
export class LeadEvents {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly runs: LeadRuns,
  ) {}

  /**
   * Within `scope` only the rep's own leads take events; others are not found. A rep outcome
   * (contacted, meeting_booked, disqualified) is validated by type and sets the lead's status
   * (and disqualification reason) in the transaction that records it. Exactly once in effect: a
   * post with an `idempotencyKey` seen before on the lead or, without a key, an outcome equal to
   * the lead's latest of the last minutes, returns the first event (signalled again, which the
   * run ignores if it had it).
   */
  async post(
    leadId: string,
    posted: PostedEvent,
    scope?: OwnerScope,
    idempotencyKey?: string,
  ): Promise<PostedEventResult> {
    const data = posted.data ?? {};
    const status = posted.type === 'status_changed' ? data.status : undefined;
    if (posted.type === 'status_changed' && (typeof status !== 'string' || !/^[a-z][a-z_]*$/.test(status))) {
      throw Errors.invalidField([
        { path: 'data.status', message: 'a status_changed event needs data.status, e.g. "qualified"' },
      ]);
    }
    const outcome: OutcomeEffect | null = isRepOutcome(posted.type)
      ? checkOutcome(posted.type, data)
      : typeof status === 'string'
        ? { status }
        : null;
    const occurredAt = posted.occurredAt ? new Date(posted.occurredAt) : new Date();
    const signal = stageSignalOfEvent(posted.type, data);
    const idempotency = idempotencyKey
      ? { key: idempotencyKey, hash: requestHash({ type: posted.type, data, occurredAt: posted.occurredAt }) }
      : undefined;

    const { row, replayed } = await this.db.transaction().execute(async (trx) => {
      // The lock orders concurrent posts on one lead, so a retry racing the first one finds it.
      let query = trx.selectFrom('leads').select(['id', 'stage']).where('id', '=', leadId).forNoKeyUpdate();
      if (scope) query = query.where('owner_id', '=', scope.repId);
      const lead = await query.executeTakeFirst();
      if (!lead) throw Errors.notFound('lead', leadId);
      const earlier = await this.earlier(trx, leadId, posted.type, data, idempotency, lead.stage);
      if (earlier) return { row: earlier, replayed: true };
      if (isRepOutcome(posted.type) && posted.type !== 'disqualified' && lead.stage === 'disqualified') {
        throw Errors.conflict(
          `lead '${leadId}' is disqualified; reopen it (a status_changed event) before recording ${posted.type}`,
          'type',
        );
      }
      if (outcome) {
        const patch: Updateable<Database['leads']> = { status: outcome.status, updated_at: new Date() };
        if (outcome.disqualificationReason) patch.disqualification_reason = outcome.disqualificationReason;
        await trx.updateTable('leads').set(patch).where('id', '=', leadId).execute();
      }
      const inserted = await appendLeadEvent(trx, {
        lead_id: leadId,
        type: posted.type,
        data: JSON.stringify(data),
        occurred_at: occurredAt,
        idempotency_key: idempotency?.key ?? null,
        idempotency_hash: idempotency?.hash ?? null,
      });
      if (signal) await recordStageSignals(trx, leadId, [{ signal, at: inserted.occurred_at, eventId: inserted.id }]);
      return { row: inserted, replayed: false };
    });
    const event: LeadEvent = {
      id: row.id,
      type: row.type,
      at: row.occurred_at.toISOString(),
      data: (row.data ?? {}) as Record<string, unknown>,
    };
    // The event is committed: ringing is only the doorbell, and a ring that fails is rung again by the sweep.
    return { event, delivered: await this.runs.ring(leadId, row.seq), replayed };
  }

  /** The event this post repeats, if it does: the one with its Idempotency-Key, or (keyless) the same outcome as the lead's latest. */
  private async earlier(
    trx: Kysely<Database>,
    leadId: string,
    type: string,
    data: Record<string, unknown>,
    idempotency: { key: string; hash: string } | undefined,
    stage: string,
  ): Promise<EventRow | null> {
    const columns = ['id', 'seq', 'type', 'data', 'occurred_at'] as const;
    // A key says which post this is: a new key is a new outcome, whatever came before; the same
    // key with another body is refused, never taken for the first post.
    if (idempotency) {
      const keyed = await trx
        .selectFrom('lead_events')
        .select([...columns, 'idempotency_hash'])
        .where('lead_id', '=', leadId)
        .where('idempotency_key', '=', idempotency.key)
        .executeTakeFirst();
      if (!keyed) return null;
      assertSameRequest(idempotency.key, keyed.idempotency_hash, idempotency.hash);
      return keyed;
    }
    if (!isRepOutcome(type)) return null;
    const latest = await trx
      .selectFrom('lead_events')
      .select(columns)
      .where('lead_id', '=', leadId)
      .where('type', 'in', STATE_EVENTS)
      .where('created_at', '>', new Date(Date.now() - REPEAT_WINDOW_MS))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const stillHolds = type !== 'disqualified' || stage === 'disqualified';
    return latest && latest.type === type && stillHolds && sameData(latest.data, data) ? latest : null;
  }
}
