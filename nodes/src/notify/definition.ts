import { defineActivityNode } from '@leadflow/engine';
import { Type } from 'typebox';
import { templateIssues } from './template-issues.js';

export const notifyConfigSchema = Type.Object(
  {
    channels: Type.Array(Type.Enum(['inbox', 'email']), {
      minItems: 1,
      uniqueItems: true,
      title: 'Channels',
      description: "inbox: the rep's in-app inbox. email: over SMTP.",
    }),
    to: Type.Enum(['owner', 'team_manager'], { title: 'Recipient' }),
    subject: Type.String({
      minLength: 1,
      maxLength: 200,
      title: 'Subject',
      description: 'Lead fields fill {{placeholders}}, e.g. New lead: {{fullName}} at {{company}}',
      'x-editor': 'template',
    }),
    body: Type.String({
      minLength: 1,
      maxLength: 5000,
      title: 'Message',
      description: 'Plain text with {{placeholders}}.',
      'x-editor': 'template',
      'x-multiline': true,
    }),
  },
  { additionalProperties: false },
);

/** Tells a rep. Exactly once in effect: each message is keyed by lead + node + visit + channel. */
export const notify = defineActivityNode({
  type: 'notify',
  version: 1,
  title: 'Notify',
  category: 'engagement',
  icon: '🔔',
  description:
    "Alerts the lead's owner (or the team manager) in the in-app inbox and by email, with lead fields filled into the message.",
  configSchema: notifyConfigSchema,
  defaultConfig: {
    channels: ['inbox', 'email'],
    to: 'owner',
    subject: 'New lead: {{fullName}} at {{company}}',
    body: '{{fullName}} ({{title}}, {{company}}) is yours. Score {{score}}, tier {{tier}}. Call within 5 minutes.',
  },
  ports: [{ name: 'out', label: 'Sent' }],
  timeoutMs: 20_000,
  validate: templateIssues,
  summary: (config) => `${config.channels.join(' + ')} to ${config.to.replace('_', ' ')}`,
});
