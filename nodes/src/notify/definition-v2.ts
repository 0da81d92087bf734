import { type ConfigIssue, defineActivityNode } from '@leadflow/engine';
import { type Static, Type } from 'typebox';
import { notify, notifyConfigSchema } from './definition.js';
import { credentialField, namedCredential } from '../shared/credential-field.js';
import { templateIssues } from './template-issues.js';

/** Per slack or webhook call; the activity's time limit below leaves room for both and the email. */
export const CALL_TIMEOUT_MS = 10_000;

export const NOTIFY_V2_CHANNELS = ['inbox', 'email', 'slack', 'webhook'] as const;
/** Channels that go to the rep `to` names; slack and webhook go to their URL. */
export const REP_CHANNELS: ReadonlySet<string> = new Set(['inbox', 'email']);

/** v1's recipient, subject and body, unchanged. */
const { to, subject, body } = notifyConfigSchema.properties;

export const notifyV2ConfigSchema = Type.Object(
  {
    channels: Type.Array(Type.Enum(NOTIFY_V2_CHANNELS), {
      minItems: 1,
      uniqueItems: true,
      title: 'Channels',
      description:
        "inbox: the rep's in-app inbox. email: over SMTP. slack: a Slack incoming webhook. webhook: a JSON POST to any URL.",
    }),
    to,
    subject,
    body,
    slackCredential: credentialField(
      'Slack webhook',
      '(slack) The Slack incoming webhook to post to. Lead values are escaped; Slack formatting you write yourself (<!here>, <url|label>) works.',
      ['slack_webhook'],
    ),
    webhookCredential: credentialField(
      'Webhook',
      '(webhook) Receives {event, idempotencyKey, lead, subject, body} with an Idempotency-Key header that stays the same on retries; signed (Leadflow-Signature) when the credential has a signing secret.',
      ['webhook'],
    ),
    slackWebhookUrl: Type.Optional(
      Type.String({
        maxLength: 2000,
        title: 'Slack webhook URL (deprecated)',
        description:
          '(slack) Kept for graphs made before credentials; moved to a credential at the next start. Choose a Slack webhook credential instead.',
        'x-secret': true,
        deprecated: true,
      }),
    ),
    webhookUrl: Type.Optional(
      Type.String({
        maxLength: 2000,
        title: 'Webhook URL (deprecated)',
        description:
          '(webhook) Kept for graphs made before credentials; moved to a credential at the next start. Choose a webhook credential instead.',
        'x-secret': true,
        deprecated: true,
      }),
    ),
  },
  { additionalProperties: false },
);

export type NotifyV2Config = Static<typeof notifyV2ConfigSchema>;
type UrlField = 'slackWebhookUrl' | 'webhookUrl';

/** Why `value` cannot be used as the channel's URL, or null. Only the host is ever shown, never the URL (it may hold a secret). */
function urlProblem(value: string, protocols: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a valid absolute URL';
  }
  if (!protocols.includes(url.protocol)) {
    const wanted = protocols.map((protocol) => protocol.slice(0, -1)).join(' or ');
    return `must be ${wanted}, not ${url.protocol.slice(0, -1)}`;
  }
  return null;
}

function urlIssues(
  config: NotifyV2Config,
  channel: 'slack' | 'webhook',
  path: UrlField,
  protocols: readonly string[],
): ConfigIssue[] {
  if (!config.channels.includes(channel)) return [];
  const credential = channel === 'slack' ? 'slackCredential' : 'webhookCredential';
  if (config[credential]) return [];
  const value = config[path];
  if (value === undefined || value.trim() === '')
    return [{ path: credential, message: `is required for the ${channel} channel` }];
  const problem = urlProblem(value, protocols);
  return problem ? [{ path, message: problem }] : [];
}

function validateNotifyV2(config: NotifyV2Config): ConfigIssue[] {
  return [
    // Slack only issues https webhook URLs; plain http would send the secret in the clear.
    ...urlIssues(config, 'slack', 'slackWebhookUrl', ['https:']),
    ...urlIssues(config, 'webhook', 'webhookUrl', ['http:', 'https:']),
    ...templateIssues(config),
  ];
}

/**
 * Notify v2: v1's inbox and email, plus Slack and any webhook. Exactly once in effect: each
 * channel has its own outbox row keyed by lead + node + visit + channel. v1 stays registered for
 * graphs that pin it.
 */
export const notifyV2 = defineActivityNode({
  type: 'notify',
  version: 2,
  title: 'Notify',
  category: 'engagement',
  icon: '🔔',
  description:
    "Alerts the lead's owner (or the team manager) in the in-app inbox and by email, posts to Slack, or calls a webhook, with lead fields filled into the message. A refused webhook is recorded as failed and the lead goes on.",
  configSchema: notifyV2ConfigSchema,
  defaultConfig: { ...notify.defaultConfig },
  ports: [{ name: 'out', label: 'Sent' }],
  // v1's allowance for the email, plus one call each for slack and webhook.
  timeoutMs: 20_000 + 2 * CALL_TIMEOUT_MS,
  validate: validateNotifyV2,
  credentialsOf: (config) => [
    ...namedCredential(config.slackCredential, 'slackCredential', ['slack_webhook']),
    ...namedCredential(config.webhookCredential, 'webhookCredential', ['webhook']),
  ],
  summary: (config) => {
    const channels = config.channels.join(' + ');
    return config.channels.some((channel) => REP_CHANNELS.has(channel))
      ? `${channels} to ${config.to.replace('_', ' ')}`
      : channels;
  },
});
