import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { LeadEvent } from '../lead/lead-event.js';
import type { Database, LeadEventTable } from './schema.js';

export type LeadEventRow = Selectable<LeadEventTable>;

/**
 * Records an event as the lead's next piece of mail: takes the lead's next sequence number and
 * inserts the event with it, in the caller's transaction (so the event and its number commit
 * together). Ring the run's doorbell (`leadMailSignal`) with the returned `seq` after the commit.
 */
export async function appendLeadEvent(
  trx: Kysely<Database>,
  values: Omit<Insertable<LeadEventTable>, 'seq'>,
): Promise<LeadEventRow> {
  const { seq } = await trx
    .updateTable('leads')
    .set({ event_seq: sql<number>`event_seq + 1`, event_at: sql<Date>`now()` })
    .where('id', '=', values.lead_id)
    .returning('event_seq as seq')
    .executeTakeFirstOrThrow();
  return trx
    .insertInto('lead_events')
    .values({ ...values, seq })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The lead's events after `afterSeq`, oldest first, at most `limit`; how far that reads the run
 * (`through`); and notes that its run has read up to there (what the redelivery sweep compares
 * against). `event_seq` is read first: an event committed after it waits for the next read,
 * instead of being skipped as if erased.
 */
export async function readLeadMail(
  db: Kysely<Database>,
  leadId: string,
  afterSeq: number,
  limit: number,
): Promise<{ events: Array<LeadEvent & { seq: number }>; more: boolean; through?: number }> {
  const lead = await db.selectFrom('leads').select('event_seq').where('id', '=', leadId).executeTakeFirst();
  // No lead row: nothing more will come; the run takes its doorbell's word (no `through`).
  if (!lead) return { events: [], more: false };
  const committed = lead.event_seq;
  const rows = await db
    .selectFrom('lead_events')
    .select(['id', 'seq', 'type', 'data', 'occurred_at'])
    .where('lead_id', '=', leadId)
    .where('seq', '>', afterSeq)
    .where('seq', '<=', committed)
    .orderBy('seq')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const more = rows.length > limit;
  const through = Math.max(afterSeq, more ? (page.at(-1)?.seq ?? afterSeq) : committed);
  if (through > afterSeq)
    await db
      .updateTable('leads')
      .set({ delivered_seq: sql<number>`greatest(delivered_seq, ${through})` })
      .where('id', '=', leadId)
      .execute();
  return {
    events: page.map((row) => ({
      id: row.id,
      seq: row.seq,
      type: row.type,
      at: row.occurred_at.toISOString(),
      data: (row.data ?? {}) as Record<string, unknown>,
    })),
    more,
    through,
  };
}

/** Leads whose run has unread mail older than `olderThanMs`: the redelivery sweep rings them again. */
export async function leadsWithUnreadMail(
  db: Kysely<Database>,
  olderThanMs: number,
  limit: number,
): Promise<Array<{ id: string; seq: number }>> {
  return db
    .selectFrom('leads')
    .select(['id', 'event_seq as seq'])
    .where(sql<boolean>`event_seq > delivered_seq`)
    .where('event_at', '<', new Date(Date.now() - olderThanMs))
    .where('workflow_started_at', 'is not', null)
    .where('run_status', '<>', 'completed')
    .orderBy('event_at')
    .limit(limit)
    .execute();
}
