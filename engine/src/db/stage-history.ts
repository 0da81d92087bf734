import type { Kysely } from 'kysely';
import { type LeadStage, nextStage, type StageSignal } from './lead-stage.js';
import type { Database } from './schema.js';

/** A signal with when it happened and what caused it (a step of the trail or a posted event). */
export interface TimedStageSignal {
  signal: StageSignal;
  at: Date | string;
  stepSeq?: number;
  eventId?: string;
}

/**
 * Moves the lead's stage by the signals, in order, and appends each move to `lead_stage_changes`.
 * Call it inside the transaction that writes the change causing it, so history and lead agree.
 * The lead row is locked first (FOR NO KEY UPDATE: it does not wait for inserts that reference the
 * lead, so it cannot deadlock with them), which orders concurrent writers. A retried write finds
 * the stage already moved and writes nothing; the unique keys on (lead, step) and (event) are the
 * backstop.
 */
export async function recordStageSignals(
  trx: Kysely<Database>,
  leadId: string,
  signals: readonly TimedStageSignal[],
): Promise<void> {
  if (signals.length === 0) return;
  const lead = await trx
    .selectFrom('leads')
    .select('stage')
    .where('id', '=', leadId)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!lead) return;
  let stage = lead.stage as LeadStage;
  const moves: Array<{
    lead_id: string;
    from_stage: string;
    to_stage: string;
    changed_at: Date | string;
    step_seq: number | null;
    event_id: string | null;
  }> = [];
  for (const { signal, at, stepSeq, eventId } of signals) {
    const next = nextStage(stage, signal);
    if (!next) continue;
    moves.push({
      lead_id: leadId,
      from_stage: stage,
      to_stage: next,
      changed_at: at,
      step_seq: stepSeq ?? null,
      event_id: eventId ?? null,
    });
    stage = next;
  }
  if (moves.length === 0) return;
  await trx
    .insertInto('lead_stage_changes')
    .values(moves)
    .onConflict((oc) => oc.doNothing())
    .execute();
  await trx.updateTable('leads').set({ stage }).where('id', '=', leadId).execute();
}
