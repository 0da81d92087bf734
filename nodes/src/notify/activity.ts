import type { Database } from '@leadflow/engine/db';
import { defineNodeActivity, type NodeActivityContext } from '@leadflow/engine/worker';
import type { Kysely } from 'kysely';
import type { Static } from 'typebox';
import { notify, type notifyConfigSchema } from './definition.js';
import { mailTransport } from './mailer.js';
import { renderTemplate } from '../shared/template.js';

type NotifyConfig = Static<typeof notifyConfigSchema>;
interface Recipient {
  repId: string;
  name: string;
  email: string;
}
interface Delivery {
  channel: string;
  status: string;
  detail?: string;
}

async function findRecipient(db: Kysely<Database>, config: NotifyConfig, ownerId: string | null, teamId: string | null): Promise<Recipient | null> {
  let repId = ownerId;
  if (config.to === 'team_manager') {
    const team = teamId ? await db.selectFrom('teams').select('manager_rep_id').where('id', '=', teamId).executeTakeFirst() : undefined;
    repId = team?.manager_rep_id ?? null;
  }
  if (!repId) return null;
  const rep = await db.selectFrom('reps').select(['id', 'name', 'email']).where('id', '=', repId).executeTakeFirst();
  return rep ? { repId: rep.id, name: rep.name, email: rep.email } : null;
}

/**
 * Outbox per message: the row is claimed before sending and marked after, and a retry skips a
 * row already sent. The Message-ID is derived from the key, so a receiver can drop the one copy
 * a crash between send and mark could still produce.
 */
async function sendEmail(ctx: NodeActivityContext, key: string, recipient: Recipient, subject: string, body: string): Promise<Delivery> {
  const { db } = ctx;
  const smtpUrl = ctx.services.mail.smtpUrl;
  await db
    .insertInto('notifications')
    .values({ idempotency_key: key, lead_id: ctx.leadId, rep_id: recipient.repId, channel: 'email', recipient: recipient.email, subject, body, status: smtpUrl ? 'pending' : 'skipped', error: smtpUrl ? null : 'SMTP_URL is not set' })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
  const row = await db.selectFrom('notifications').select(['status']).where('idempotency_key', '=', key).executeTakeFirstOrThrow();
  if (row.status === 'sent') return { channel: 'email', status: 'sent', detail: 'already sent (retry)' };
  if (!smtpUrl) return { channel: 'email', status: 'skipped', detail: 'SMTP_URL is not set' };
  const messageId = `<${key.replace(/[^A-Za-z0-9.-]/g, '.')}@leadflow>`;
  try {
    await mailTransport(smtpUrl).sendMail({ from: ctx.services.mail.from, to: `${recipient.name} <${recipient.email}>`, subject, text: body, messageId });
  } catch (error) {
    await db.updateTable('notifications').set({ status: 'failed', error: (error as Error).message }).where('idempotency_key', '=', key).execute();
    throw error;
  }
  await db.updateTable('notifications').set({ status: 'sent', error: null, message_id: messageId, sent_at: new Date() }).where('idempotency_key', '=', key).execute();
  return { channel: 'email', status: 'sent', detail: recipient.email };
}

export const notifyActivity = defineNodeActivity(notify, async (config, ctx) => {
  const recipient = await findRecipient(ctx.db, config, ctx.lead.ownerId, ctx.lead.teamId);
  if (!recipient) {
    return { port: 'out', output: { deliveries: [] }, reason: `nobody to notify: the lead has no ${config.to === 'owner' ? 'owner' : 'team manager'}` };
  }
  const subject = renderTemplate(config.subject, ctx.lead, { singleLine: true });
  const body = renderTemplate(config.body, ctx.lead);
  const deliveries: Delivery[] = [];
  for (const channel of config.channels) {
    const key = `${ctx.idempotencyKey}:${channel}`;
    if (channel === 'inbox') {
      await ctx.db
        .insertInto('notifications')
        .values({ idempotency_key: key, lead_id: ctx.leadId, rep_id: recipient.repId, channel: 'inbox', recipient: recipient.repId, subject, body, status: 'delivered' })
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .execute();
      deliveries.push({ channel: 'inbox', status: 'delivered', detail: recipient.name });
    } else {
      deliveries.push(await sendEmail(ctx, key, recipient, subject, body));
    }
  }
  const summary = deliveries.map((d) => `${d.channel} ${d.status}${d.detail ? ` (${d.detail})` : ''}`).join(', ');
  return { port: 'out', output: { recipient, subject, deliveries }, reason: `notified ${recipient.name}: ${summary}` };
});
