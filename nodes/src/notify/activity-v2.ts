import { defineNodeActivity, type NodeActivityContext } from '@leadflow/engine/worker';
import { ApplicationFailure } from '@temporalio/activity';
import { renderTemplate } from '../shared/template.js';
import { type NotifyV2Config, notifyV2, REP_CHANNELS } from './definition-v2.js';
import type { Delivery } from './delivery.js';
import { sendEmail } from './email-channel.js';
import { MessageBusyError } from './outbox.js';
import { deliverToInbox } from './inbox-channel.js';
import { findRecipient, type Recipient } from './recipient.js';
import { type Message, sendToSlack } from './slack-channel.js';
import { sendToWebhook } from './webhook-channel.js';

type Channel = NotifyV2Config['channels'][number];

/**
 * Thrown after every channel was tried when at least one failed in a way a later attempt can fix.
 * Temporal retries the activity; the retry skips the messages already sent. When a message is
 * claimed by an attempt that died (a worker or Postgres lost mid-send), the next attempt comes
 * once that claim has run out, not on the retry policy's schedule: otherwise the attempts run out
 * first and the lead parks on an error that was only waiting.
 */
export class NotificationsNotSentError extends ApplicationFailure {
  readonly retryable = true;
  /** The errors of the channels to retry, in channel order. */
  readonly failures: readonly unknown[];

  constructor(message: string, failures: readonly unknown[], nextRetryDelayMs?: number) {
    super(
      message,
      'NotificationsNotSentError',
      false,
      undefined,
      failures[0] instanceof Error ? failures[0] : undefined,
      nextRetryDelayMs,
    );
    this.failures = failures;
  }
}

/** How long until the last claim held by another attempt runs out (plus a second for clocks), if any is held. */
function untilClaimsLapse(failures: readonly unknown[], now = Date.now()): number | undefined {
  const until = Math.max(
    0,
    ...failures.map((error) =>
      error instanceof MessageBusyError && error.leaseUntil ? error.leaseUntil.getTime() : 0,
    ),
  );
  return until > now ? until - now + 1_000 : undefined;
}

function describe(delivery: Delivery): string {
  return `${delivery.channel} ${delivery.status}${delivery.detail ? ` (${delivery.detail})` : ''}`;
}

/** "a", "a and b", "a, b and c". */
function sentence(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** The Slack webhook URL: from the credential (opened here, at run time), else the deprecated inline field. */
async function slackUrl(config: NotifyV2Config, ctx: NodeActivityContext): Promise<string | undefined> {
  if (!config.slackCredential) return config.slackWebhookUrl;
  const credential = await ctx.services.credentials.resolve(config.slackCredential, ['slack_webhook']);
  return credential.kind === 'slack_webhook' ? credential.secret.url : undefined;
}

async function webhookTarget(
  config: NotifyV2Config,
  ctx: NodeActivityContext,
): Promise<{ url: string; signingSecret?: string } | undefined> {
  if (!config.webhookCredential) return config.webhookUrl ? { url: config.webhookUrl } : undefined;
  const credential = await ctx.services.credentials.resolve(config.webhookCredential, ['webhook']);
  return credential.kind === 'webhook' ? credential.secret : undefined;
}

async function deliver(
  channel: Channel,
  config: NotifyV2Config,
  ctx: NodeActivityContext,
  recipient: Recipient | null,
  message: Message,
): Promise<Delivery> {
  const key = `${ctx.idempotencyKey}:${channel}`;
  const nobody: Delivery = {
    channel,
    status: 'skipped',
    detail: `the lead has no ${config.to === 'owner' ? 'owner' : 'team manager'}`,
  };
  switch (channel) {
    case 'inbox':
      return recipient ? deliverToInbox(ctx, key, recipient, message.subject, message.body) : nobody;
    case 'email':
      return recipient ? sendEmail(ctx, key, recipient, message.subject, message.body) : nobody;
    case 'slack': {
      // validate() requires one for a checked graph; a retry could not supply it either.
      const url = await slackUrl(config, ctx);
      return url
        ? sendToSlack(ctx, key, url, message)
        : { channel, status: 'failed', detail: 'no Slack webhook is set' };
    }
    case 'webhook': {
      const target = await webhookTarget(config, ctx);
      return target
        ? sendToWebhook(ctx, key, target, message.subject, message.body)
        : { channel, status: 'failed', detail: 'no webhook is set' };
    }
  }
}

/**
 * Sends on every channel, each through its own outbox row (`lead:node:visit:channel`).
 *
 * One channel's failure never holds back the others: every channel is tried on every attempt.
 * A refusal that would fail again (webhook 4xx, a private address not allowed) is recorded as
 * failed and named in the reason, and the lead goes on. A transient failure (network, timeout,
 * 429, 5xx, any SMTP error as in v1) is thrown once the other channels have gone out, so
 * Temporal retries the activity and the retry sends only what is not yet `sent`. An outage that
 * outlasts the retries parks the lead at this node, like v1, until an operator retries it.
 */
export const notifyV2Activity = defineNodeActivity(notifyV2, async (config, ctx) => {
  const needsRep = config.channels.some((channel) => REP_CHANNELS.has(channel));
  const recipient = needsRep ? await findRecipient(ctx.db, config.to, ctx.lead.ownerId, ctx.lead.teamId) : null;
  const message: Message = {
    subjectTemplate: config.subject,
    bodyTemplate: config.body,
    subject: renderTemplate(config.subject, ctx.lead, { singleLine: true }),
    body: renderTemplate(config.body, ctx.lead),
  };
  const deliveries: Delivery[] = [];
  const toRetry: unknown[] = [];
  for (const channel of config.channels) {
    try {
      deliveries.push(await deliver(channel, config, ctx, recipient, message));
    } catch (error) {
      toRetry.push(error);
      deliveries.push({ channel, status: 'failed', detail: error instanceof Error ? error.message : String(error) });
    }
  }
  const summary = sentence(deliveries.map(describe));
  if (toRetry.length > 0)
    throw new NotificationsNotSentError(`${summary}; retrying what was not sent`, toRetry, untilClaimsLapse(toRetry));
  return { port: 'out', output: { recipient, subject: message.subject, deliveries }, reason: summary };
});
