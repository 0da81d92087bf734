import type { Database } from '@leadflow/engine/db';
import type { Kysely } from 'kysely';

/** One message in the `notifications` outbox, keyed by lead + node + visit + channel. */
export interface OutboxMessage {
  key: string;
  leadId: string;
  repId: string | null;
  channel: string;
  /** Who or where it goes; never a secret (a webhook is recorded by its host only). */
  recipient: string;
  subject: string;
  body: string;
}

/**
 * Writes the message's row unless a previous attempt already did, and returns the row's status.
 * A caller sends only when the status is not `sent`, so a retry never repeats a delivered message.
 */
export async function claimMessage(db: Kysely<Database>, message: OutboxMessage, initial: { status: string; error: string | null }): Promise<string> {
  const { key, leadId, repId, channel, recipient, subject, body } = message;
  await db
    .insertInto('notifications')
    .values({ idempotency_key: key, lead_id: leadId, rep_id: repId, channel, recipient, subject, body, status: initial.status, error: initial.error })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
  const row = await db.selectFrom('notifications').select(['status']).where('idempotency_key', '=', key).executeTakeFirstOrThrow();
  return row.status;
}

export async function markSent(db: Kysely<Database>, key: string, messageId: string | null = null): Promise<void> {
  await db.updateTable('notifications').set({ status: 'sent', error: null, message_id: messageId, sent_at: new Date() }).where('idempotency_key', '=', key).execute();
}

export async function markFailed(db: Kysely<Database>, key: string, error: string): Promise<void> {
  await db.updateTable('notifications').set({ status: 'failed', error }).where('idempotency_key', '=', key).execute();
}
