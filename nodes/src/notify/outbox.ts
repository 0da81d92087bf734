import type { Database } from '@leadflow/engine/db';
import { type Kysely, sql } from 'kysely';

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

/** Who sends: the activity attempt, and how long its claim may hold (its own time limit). */
export interface Sender {
  attemptId: string;
  leaseMs: number;
}

/**
 * Another attempt holds the message's claim (it is sending it now, or died doing so and its lease
 * has not yet run out). Retryable: a later attempt finds it sent, or takes the lapsed claim over.
 */
export class MessageBusyError extends Error {
  override readonly name = 'MessageBusyError';
  readonly retryable = true;
  /** When the other attempt's claim runs out: the next attempt waits until then. */
  readonly leaseUntil: Date | null;

  constructor(message: string, leaseUntil: Date | null) {
    super(message);
    this.leaseUntil = leaseUntil;
  }
}

/**
 * Claims the message for this attempt: writes its row if no attempt did yet, then moves it
 * `pending` / `failed` (or `sending` under a lapsed lease, or already ours) to `sending` in one
 * compare-and-set. Returns `send` when this attempt must send it, `sent` when one already did.
 * Two attempts at once: one gets `send`, the other a MessageBusyError.
 */
export async function claimMessage(
  db: Kysely<Database>,
  message: OutboxMessage,
  sender: Sender,
): Promise<'send' | 'sent'> {
  const { key, leadId, repId, channel, recipient, subject, body } = message;
  await db
    .insertInto('notifications')
    .values({
      idempotency_key: key,
      lead_id: leadId,
      rep_id: repId,
      channel,
      recipient,
      subject,
      body,
      status: 'pending',
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
  const claimed = await db
    .updateTable('notifications')
    .set({
      status: 'sending',
      attempt_id: sender.attemptId,
      lease_until: sql<Date>`now() + ${`${sender.leaseMs} milliseconds`}::interval`,
    })
    .where('idempotency_key', '=', key)
    .where((eb) =>
      eb.or([
        eb('status', 'in', ['pending', 'failed']),
        eb.and([
          eb('status', '=', 'sending'),
          eb.or([eb('lease_until', '<', sql<Date>`now()`), eb('attempt_id', '=', sender.attemptId)]),
        ]),
      ]),
    )
    .returning('status')
    .executeTakeFirst();
  if (claimed) return 'send';
  const row = await db
    .selectFrom('notifications')
    .select(['status', 'lease_until'])
    .where('idempotency_key', '=', key)
    .executeTakeFirstOrThrow();
  if (row.status === 'sent') return 'sent';
  throw new MessageBusyError(
    `${channel} message ${key} is being sent by another attempt (its claim holds until ${row.lease_until?.toISOString()}); retrying`,
    row.lease_until,
  );
}

/** Records a message that will not be sent (no SMTP configured), once; returns the row's status. */
export async function recordSkipped(db: Kysely<Database>, message: OutboxMessage, why: string): Promise<string> {
  const { key, leadId, repId, channel, recipient, subject, body } = message;
  await db
    .insertInto('notifications')
    .values({
      idempotency_key: key,
      lead_id: leadId,
      rep_id: repId,
      channel,
      recipient,
      subject,
      body,
      status: 'skipped',
      error: why,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
  return (
    await db.selectFrom('notifications').select('status').where('idempotency_key', '=', key).executeTakeFirstOrThrow()
  ).status;
}

/** Marks the message sent — only while this attempt holds its claim. */
export async function markSent(
  db: Kysely<Database>,
  key: string,
  sender: Sender,
  messageId: string | null = null,
): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ status: 'sent', error: null, message_id: messageId, sent_at: new Date(), lease_until: null })
    .where('idempotency_key', '=', key)
    .where('attempt_id', '=', sender.attemptId)
    .execute();
}

/** Marks the send failed and gives the claim back, so the next attempt may send it. */
export async function markFailed(db: Kysely<Database>, key: string, sender: Sender, error: string): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ status: 'failed', error, lease_until: null })
    .where('idempotency_key', '=', key)
    .where('attempt_id', '=', sender.attemptId)
    .where('status', '=', 'sending')
    .execute();
}
