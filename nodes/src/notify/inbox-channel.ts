import type { NodeActivityContext } from '@leadflow/engine/worker';
import type { Delivery } from './delivery.js';
import type { Recipient } from './recipient.js';

/** The in-app inbox: the row is the message, so writing it once is delivering it. */
export async function deliverToInbox(ctx: NodeActivityContext, key: string, recipient: Recipient, subject: string, body: string): Promise<Delivery> {
  await ctx.db
    .insertInto('notifications')
    .values({ idempotency_key: key, lead_id: ctx.leadId, rep_id: recipient.repId, channel: 'inbox', recipient: recipient.repId, subject, body, status: 'delivered' })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
  return { channel: 'inbox', status: 'delivered', detail: recipient.name };
}
