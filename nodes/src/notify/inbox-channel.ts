import { randomUUID } from 'node:crypto';
import type { NodeActivityContext } from '@leadflow/engine/worker';
import { sql } from 'kysely';
import { type Delivery, wouldSend } from './delivery.js';
import type { Recipient } from './recipient.js';

/** The Postgres NOTIFY channel a new inbox row is announced on; the server's live inbox feed LISTENs to it. */
export const INBOX_NOTIFY_CHANNEL = 'leadflow_inbox';

/** The in-app inbox: the row is the message, so writing it once is delivering it. */
export async function deliverToInbox(
  ctx: NodeActivityContext,
  key: string,
  recipient: Recipient,
  subject: string,
  body: string,
): Promise<Delivery> {
  if (ctx.dryRun) return wouldSend('inbox', recipient.name);
  const id = randomUUID();
  const [result] = await ctx.db
    .insertInto('notifications')
    .values({
      id,
      idempotency_key: key,
      lead_id: ctx.leadId,
      rep_id: recipient.repId,
      channel: 'inbox',
      recipient: recipient.repId,
      subject,
      body,
      status: 'delivered',
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
  // Announce only a row this call wrote: a retry that hit the existing row stays silent.
  if (result?.numInsertedOrUpdatedRows) {
    await sql`SELECT pg_notify(${INBOX_NOTIFY_CHANNEL}, ${JSON.stringify({ id, repId: recipient.repId })})`.execute(
      ctx.db,
    );
  }
  return { channel: 'inbox', status: 'delivered', detail: recipient.name };
}
