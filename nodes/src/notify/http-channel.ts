import type { NodeActivityContext } from '@leadflow/engine/worker';
import { OutboundHttpError, requestJson } from '../shared/outbound-http.js';
import { CALL_TIMEOUT_MS } from './definition-v2.js';
import { type Delivery, wouldSend } from './delivery.js';
import { claimMessage, markFailed, markSent } from './outbox.js';
import { SIGNATURE_HEADER, signatureHeader } from '../shared/webhook-signature.js';

/** A message POSTed as JSON to a configured URL (slack, webhook). */
export interface HttpMessage {
  channel: string;
  key: string;
  url: string;
  /** Recorded in the outbox row: the readable message, whatever the payload's shape. */
  subject: string;
  body: string;
  payload: unknown;
  headers?: Readonly<Record<string, string>>;
  /** Signs the body (Leadflow-Signature: t=…,v1=HMAC-SHA256 of "<t>.<body>"). */
  signingSecret?: string;
}

/** `host` or `host:port` of a URL: safe to record, as webhook URLs carry their secret in the path or query. */
export function urlHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid URL)';
  }
}

/**
 * Sends through the outbox: claims the row for this attempt (`sending`, so two overlapping
 * attempts cannot both send), POSTs within CALL_TIMEOUT_MS, marks it `sent`; a retry skips a row
 * already sent. A failure is recorded `failed` with the error. A transient one (network,
 * timeout, 408, 429, 5xx) is thrown so Temporal retries; a refusal (4xx, redirect, address not
 * allowed) would fail the same way again, so it is returned as a failed delivery instead.
 */
export async function sendOverHttp(ctx: NodeActivityContext, message: HttpMessage): Promise<Delivery> {
  const { channel, key, url } = message;
  const host = urlHost(url);
  if (ctx.dryRun) return wouldSend(channel, host);
  // No rep: the message goes to a URL, not to a person's inbox.
  const outbox = {
    key,
    leadId: ctx.leadId,
    repId: null,
    channel,
    recipient: host,
    subject: message.subject,
    body: message.body,
  };
  if ((await claimMessage(ctx.db, outbox, ctx)) === 'sent')
    return { channel, status: 'sent', detail: 'already sent (retry)' };
  ctx.heartbeat();
  const body = JSON.stringify(message.payload);
  const signature: Record<string, string> = message.signingSecret
    ? { [SIGNATURE_HEADER]: signatureHeader(message.signingSecret, body) }
    : {};
  try {
    await requestJson({
      url,
      method: 'POST',
      headers: { ...message.headers, ...signature },
      body,
      timeoutMs: CALL_TIMEOUT_MS,
      allowHosts: ctx.services.http.allowHosts,
    });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    await markFailed(ctx.db, key, ctx, text);
    if (error instanceof OutboundHttpError && !error.retryable) return { channel, status: 'failed', detail: text };
    throw error;
  }
  await markSent(ctx.db, key, ctx);
  return { channel, status: 'sent', detail: host };
}
