import type { LeadContext } from '@leadflow/engine';
import type { NodeActivityContext } from '@leadflow/engine/worker';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testActivityContext, testLead } from '../shared/test-support/activity-context.js';
import { startVendorServer, type VendorServer } from '../shared/test-support/vendor-server.js';
import { notifyV2Activity } from './activity-v2.js';
import type { NotifyV2Config } from './definition-v2.js';
import { fakeNotifyDb } from './test-support/fake-notify-db.js';
import { type SmtpSink, startSmtpSink } from '../testing/smtp-sink.js';

// The vendor server answers POST /crm/contacts with 201; the query stands in for the secret a webhook URL carries.
let hooks: VendorServer;
let smtp: SmtpSink;
beforeAll(async () => {
  [hooks, smtp] = await Promise.all([startVendorServer(), startSmtpSink()]);
});
afterAll(async () => {
  await Promise.all([hooks.close(), smtp.stop()]);
});
beforeEach(() => {
  hooks.reset();
  smtp.messages.length = 0;
});

const slackUrl = () => `${hooks.origin}/crm/contacts?slack=T000/B000/secret`;
const webhookUrl = () => `${hooks.origin}/crm/contacts?token=secret`;
const ava = { id: 'rep-1', name: 'Ava Patel', email: 'ava@leadflow.test', team_id: 'team-1' };
const lead = testLead({ email: 'jane@acme.com', fullName: 'Jane Doe', company: 'Acme', score: 82, tier: 1, ownerId: 'rep-1', ownerName: 'Ava Patel', teamId: 'team-1' });

const config = (overrides: Partial<NotifyV2Config> = {}): NotifyV2Config => ({
  channels: ['slack'],
  to: 'owner',
  subject: 'New lead: {{fullName}}',
  body: '{{fullName}} at {{company}}, score {{score}}',
  slackWebhookUrl: slackUrl(),
  webhookUrl: webhookUrl(),
  ...overrides,
});

function setup(options: { lead?: LeadContext; allowHosts?: readonly string[]; smtpUrl?: string } = {}) {
  const fake = fakeNotifyDb({ reps: [ava], teams: [{ id: 'team-1', manager_rep_id: 'rep-1' }] });
  const context = (attempt = 1): NodeActivityContext => {
    const ctx = testActivityContext({ lead: options.lead ?? lead, allowHosts: options.allowHosts ?? [hooks.host], attempt, db: fake.db });
    return options.smtpUrl ? { ...ctx, services: { ...ctx.services, mail: { ...ctx.services.mail, smtpUrl: options.smtpUrl } } } : ctx;
  };
  const run = (c: NotifyV2Config, attempt = 1) => notifyV2Activity.run(c, context(attempt));
  const row = (channel: string) => fake.notifications.find((r) => r.idempotency_key === `lead-1:node-1:1:${channel}`);
  return { run, row, notifications: fake.notifications };
}

describe('notify v2: slack', () => {
  it('posts the message once, with lead values escaped, and records only the host', async () => {
    const hostile = testLead({ fullName: 'Jane <!channel> & Co', company: 'Acme <https://evil.example|click>', score: 82 });
    const { run, row } = setup({ lead: hostile });
    const outcome = await run(config({ body: '<!here> {{fullName}} at {{company}}, score {{score}}' }));
    expect(hooks.requests).toHaveLength(1);
    expect(JSON.parse(hooks.requests[0]?.body ?? '')).toEqual({
      // The author's <!here> stays a mention; what the lead typed stays text.
      text: 'New lead: Jane &lt;!channel&gt; &amp; Co\n<!here> Jane &lt;!channel&gt; &amp; Co at Acme &lt;https://evil.example|click&gt;, score 82',
    });
    expect(row('slack')).toMatchObject({ channel: 'slack', rep_id: null, recipient: hooks.host, status: 'sent', error: null, subject: 'New lead: Jane <!channel> & Co' });
    expect(outcome).toMatchObject({ port: 'out', reason: `slack sent (${hooks.host})` });
  });
});

describe('notify v2: webhook', () => {
  it('posts the notification event with an Idempotency-Key header', async () => {
    const { run, row } = setup();
    await run(config({ channels: ['webhook'] }));
    const [request] = hooks.requests;
    expect(request?.method).toBe('POST');
    expect(request?.headers['idempotency-key']).toBe('lead-1:node-1:1:webhook');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      event: 'lead.notification',
      idempotencyKey: 'lead-1:node-1:1:webhook',
      lead: { id: 'lead-1', email: 'jane@acme.com', fullName: 'Jane Doe', company: 'Acme', score: 82, tier: 1, ownerId: 'rep-1', ownerName: 'Ava Patel' },
      subject: 'New lead: Jane Doe',
      body: 'Jane Doe at Acme, score 82',
    });
    expect(row('webhook')).toMatchObject({ recipient: hooks.host, status: 'sent' });
    expect(String(row('webhook')?.recipient)).not.toContain('secret');
  });
});

describe('notify v2: exactly once in effect', () => {
  it('sends each message once when the activity runs twice with the same key', async () => {
    const { run, notifications } = setup({ smtpUrl: smtp.url });
    const channels: NotifyV2Config['channels'] = ['inbox', 'email', 'slack', 'webhook'];
    const first = await run(config({ channels }), 1);
    expect(first.reason).toBe(`inbox delivered (Ava Patel), email sent (ava@leadflow.test), slack sent (${hooks.host}) and webhook sent (${hooks.host})`);
    const second = await run(config({ channels }), 2);
    expect(second.reason).toBe('inbox delivered (Ava Patel), email sent (already sent (retry)), slack sent (already sent (retry)) and webhook sent (already sent (retry))');
    expect(hooks.requests).toHaveLength(2);
    expect(smtp.messages.map(({ to, messageId }) => ({ to, messageId }))).toEqual([{ to: ['ava@leadflow.test'], messageId: '<lead-1.node-1.1.email@leadflow>' }]);
    expect(notifications.map((r) => `${String(r.channel)}:${String(r.status)}`)).toEqual(['inbox:delivered', 'email:sent', 'slack:sent', 'webhook:sent']);
  });

  it('throws a 500 so Temporal retries, and the retry sends it with the same key', async () => {
    const { run, row } = setup();
    hooks.next(500);
    await expect(run(config({ channels: ['webhook'] }), 1)).rejects.toMatchObject({
      retryable: true,
      message: `webhook failed (POST ${hooks.host} answered 500 Internal Server Error); retrying what was not sent`,
    });
    expect(row('webhook')).toMatchObject({ status: 'failed', error: `POST ${hooks.host} answered 500 Internal Server Error` });
    const outcome = await run(config({ channels: ['webhook'] }), 2);
    expect(outcome.reason).toBe(`webhook sent (${hooks.host})`);
    expect(row('webhook')).toMatchObject({ status: 'sent', error: null });
    expect(hooks.requests.map((r) => r.headers['idempotency-key'])).toEqual(['lead-1:node-1:1:webhook', 'lead-1:node-1:1:webhook']);
  });

  it('still sends the other channels before throwing for a transient failure, and the retry sends only the failed one', async () => {
    const { run, row } = setup();
    hooks.next(503);
    await expect(run(config({ channels: ['slack', 'webhook'] }), 1)).rejects.toMatchObject({ retryable: true });
    expect(hooks.requests).toHaveLength(2);
    expect(row('slack')?.status).toBe('failed');
    expect(row('webhook')?.status).toBe('sent');
    const outcome = await run(config({ channels: ['slack', 'webhook'] }), 2);
    expect(outcome.reason).toBe(`slack sent (${hooks.host}) and webhook sent (already sent (retry))`);
    expect(hooks.requests).toHaveLength(3);
  });
});

describe('notify v2: refusals do not park the lead', () => {
  it('records a 404 as failed without throwing, and the inbox is still delivered', async () => {
    const { run, row } = setup();
    hooks.next(404);
    const outcome = await run(config({ channels: ['inbox', 'webhook'] }));
    expect(outcome.port).toBe('out');
    expect(outcome.reason).toBe(`inbox delivered (Ava Patel) and webhook failed (POST ${hooks.host} answered 404 Not Found)`);
    expect(row('inbox')).toMatchObject({ status: 'delivered', rep_id: 'rep-1' });
    expect(row('webhook')).toMatchObject({ status: 'failed', error: `POST ${hooks.host} answered 404 Not Found` });
    expect(hooks.requests).toHaveLength(1);
  });

  it('records a private address that is not allowed as failed without calling it', async () => {
    const { run, row } = setup({ allowHosts: [] });
    const outcome = await run(config({ channels: ['slack'] }));
    expect(outcome.reason).toMatch(new RegExp(`^slack failed \\(refused to call ${hooks.host}: it is a loopback address`));
    expect(row('slack')?.status).toBe('failed');
    expect(hooks.requests).toHaveLength(0);
  });
});

describe('notify v2: recipients', () => {
  it('skips inbox and email when the lead has no owner, and still posts to slack', async () => {
    const { run, notifications } = setup({ lead: testLead({ fullName: 'Jane Doe' }) });
    const outcome = await run(config({ channels: ['inbox', 'email', 'slack'] }));
    expect(outcome.reason).toBe(`inbox skipped (the lead has no owner), email skipped (the lead has no owner) and slack sent (${hooks.host})`);
    expect(notifications.map((r) => r.channel)).toEqual(['slack']);
  });

  it('finds the team manager, and records email as skipped when SMTP is not set (as v1)', async () => {
    const { run, row } = setup({ lead: testLead({ teamId: 'team-1' }) });
    const outcome = await run(config({ channels: ['inbox', 'email'], to: 'team_manager' }));
    expect(outcome.reason).toBe('inbox delivered (Ava Patel) and email skipped (SMTP_URL is not set)');
    expect(row('email')).toMatchObject({ status: 'skipped', recipient: 'ava@leadflow.test', error: 'SMTP_URL is not set' });
  });
});
