import { fieldErrors, schemaValidator } from '@leadflow/engine/compiler';
import { describe, expect, it } from 'vitest';
import { type NotifyV2Config, notifyV2 } from './definition-v2.js';

const valid: NotifyV2Config = {
  channels: ['inbox', 'slack', 'webhook'],
  to: 'owner',
  subject: 'New lead: {{fullName}}',
  body: 'Score {{score}}',
  slackWebhookUrl: 'https://hooks.slack.com/services/T000/B000/XXXX',
  webhookUrl: 'http://crm.example/hooks/leads',
};
const issues = (config: Partial<NotifyV2Config>) => notifyV2.validate?.({ ...valid, ...config }) ?? [];
const schemaErrors = (config: unknown) => {
  const validate = schemaValidator(notifyV2.configSchema);
  return validate(config) ? [] : fieldErrors(validate.errors, 'config');
};

describe('notify v2: definition', () => {
  it('accepts its default config and a valid one', () => {
    expect(schemaErrors(notifyV2.defaultConfig)).toEqual([]);
    expect(notifyV2.validate?.(notifyV2.defaultConfig)).toEqual([]);
    expect(schemaErrors(valid)).toEqual([]);
    expect(issues({})).toEqual([]);
  });

  it('refuses an unknown channel and unknown fields, naming them', () => {
    expect(schemaErrors({ ...valid, channels: ['sms'] })[0]?.path).toBe('config.channels[0]');
    expect(schemaErrors({ ...valid, teamsUrl: 'https://x' }).length).toBeGreaterThan(0);
  });

  it('requires an https Slack webhook URL when slack is a channel', () => {
    // A Slack webhook credential is what the form asks for; the inline URL is only read when set.
    expect(issues({ slackWebhookUrl: undefined })).toEqual([
      { path: 'slackCredential', message: 'is required for the slack channel' },
    ]);
    expect(issues({ slackWebhookUrl: ' ' })).toEqual([
      { path: 'slackCredential', message: 'is required for the slack channel' },
    ]);
    expect(issues({ slackWebhookUrl: undefined, slackCredential: '5b7c2d1e-0000-4000-8000-000000000001' })).toEqual([]);
    expect(issues({ slackWebhookUrl: 'http://hooks.slack.com/services/T000/B000/XXXX' })).toEqual([
      { path: 'slackWebhookUrl', message: 'must be https, not http' },
    ]);
    expect(issues({ slackWebhookUrl: 'hooks.slack.com/services/x' })).toEqual([
      { path: 'slackWebhookUrl', message: 'is not a valid absolute URL' },
    ]);
  });

  it('requires an http or https webhook URL when webhook is a channel', () => {
    expect(issues({ webhookUrl: undefined })).toEqual([
      { path: 'webhookCredential', message: 'is required for the webhook channel' },
    ]);
    expect(issues({ webhookUrl: undefined, webhookCredential: '5b7c2d1e-0000-4000-8000-000000000002' })).toEqual([]);
    expect(issues({ webhookUrl: 'ftp://crm.example/x' })).toEqual([
      { path: 'webhookUrl', message: 'must be http or https, not ftp' },
    ]);
    expect(issues({ webhookUrl: 'https://crm.example/x' })).toEqual([]);
  });

  it('ignores the URLs of channels that are not chosen', () => {
    expect(issues({ channels: ['inbox'], slackWebhookUrl: undefined, webhookUrl: 'not a url' })).toEqual([]);
  });

  it('refuses placeholders that name no lead field, naming the field', () => {
    expect(issues({ subject: 'Hi {{fulName}}', body: '{{nope}} and {{custom.plan}}' })).toEqual([
      { path: 'subject', message: '{{fulName}} is not a lead field' },
      { path: 'body', message: '{{nope}} is not a lead field' },
    ]);
  });

  it('summarises channels, and the recipient only when a channel goes to a rep', () => {
    expect(notifyV2.summary?.(valid)).toBe('inbox + slack + webhook to owner');
    expect(notifyV2.summary?.({ ...valid, channels: ['slack'] })).toBe('slack');
  });
});
