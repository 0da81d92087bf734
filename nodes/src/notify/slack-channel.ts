import type { NodeActivityContext } from '@leadflow/engine/worker';
import { renderTemplate } from '../shared/template.js';
import type { Delivery } from './delivery.js';
import { sendOverHttp } from './http-channel.js';
import { slackSafeLead } from './slack-text.js';

/** The templates and their plain rendering (what the outbox row records). */
export interface Message {
  subjectTemplate: string;
  bodyTemplate: string;
  subject: string;
  body: string;
}

/** Posts `{ text: "<subject>\n<body>" }` to a Slack incoming webhook, lead values escaped. */
export function sendToSlack(
  ctx: NodeActivityContext,
  key: string,
  webhookUrl: string,
  message: Message,
): Promise<Delivery> {
  const lead = slackSafeLead(ctx.lead);
  const text = `${renderTemplate(message.subjectTemplate, lead, { singleLine: true })}\n${renderTemplate(message.bodyTemplate, lead)}`;
  return sendOverHttp(ctx, {
    channel: 'slack',
    key,
    url: webhookUrl,
    subject: message.subject,
    body: message.body,
    payload: { text },
  });
}
