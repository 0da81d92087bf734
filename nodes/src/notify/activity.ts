import { defineNodeActivity } from '@leadflow/engine/worker';
import { notify } from './definition.js';
import type { Delivery } from './delivery.js';
import { sendEmail } from './email-channel.js';
import { deliverToInbox } from './inbox-channel.js';
import { findRecipient } from './recipient.js';
import { renderTemplate } from '../shared/template.js';

export const notifyActivity = defineNodeActivity(notify, async (config, ctx) => {
  const recipient = await findRecipient(ctx.db, config.to, ctx.lead.ownerId, ctx.lead.teamId);
  if (!recipient) {
    return {
      port: 'out',
      output: { deliveries: [] },
      reason: `nobody to notify: the lead has no ${config.to === 'owner' ? 'owner' : 'team manager'}`,
    };
  }
  const subject = renderTemplate(config.subject, ctx.lead, { singleLine: true });
  const body = renderTemplate(config.body, ctx.lead);
  const deliveries: Delivery[] = [];
  for (const channel of config.channels) {
    const key = `${ctx.idempotencyKey}:${channel}`;
    if (channel === 'inbox') deliveries.push(await deliverToInbox(ctx, key, recipient, subject, body));
    else deliveries.push(await sendEmail(ctx, key, recipient, subject, body));
  }
  const summary = deliveries.map((d) => `${d.channel} ${d.status}${d.detail ? ` (${d.detail})` : ''}`).join(', ');
  return { port: 'out', output: { recipient, subject, deliveries }, reason: `notified ${recipient.name}: ${summary}` };
});
