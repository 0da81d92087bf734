import type { NodeActivityContext } from '@leadflow/engine/worker';
import type { Delivery } from './delivery.js';
import { sendOverHttp } from './http-channel.js';

/** What a webhook receives. `idempotencyKey` equals the Idempotency-Key header: the same on every retry. */
export interface WebhookPayload {
  event: 'lead.notification';
  idempotencyKey: string;
  lead: {
    id: string;
    email: string;
    fullName: string | null;
    company: string | null;
    score: number | null;
    tier: number | null;
    ownerId: string | null;
    ownerName: string | null;
  };
  subject: string;
  body: string;
}

/**
 * POSTs the notification as JSON to any URL, keyed so the receiver can drop a repeat, and signed
 * (`Leadflow-Signature`, as Leadflow's own intake checks) when the credential has a signing secret.
 */
export function sendToWebhook(
  ctx: NodeActivityContext,
  key: string,
  target: { url: string; signingSecret?: string },
  subject: string,
  body: string,
): Promise<Delivery> {
  const { email, fullName, company, score, tier, ownerId, ownerName } = ctx.lead;
  const payload: WebhookPayload = {
    event: 'lead.notification',
    idempotencyKey: key,
    lead: { id: ctx.leadId, email, fullName, company, score, tier, ownerId, ownerName },
    subject,
    body,
  };
  return sendOverHttp(ctx, {
    channel: 'webhook',
    key,
    url: target.url,
    subject,
    body,
    payload,
    headers: { 'Idempotency-Key': key },
    ...(target.signingSecret && { signingSecret: target.signingSecret }),
  });
}
