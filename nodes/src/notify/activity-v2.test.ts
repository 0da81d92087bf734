import type { LeadContext } from '@leadflow/engine';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testActivityContext } from '../shared/test-support/activity-context.js';
import { openTestDatabase, type TestDatabase } from '../shared/test-support/test-database.js';
import { startVendorServer, type VendorServer } from '../shared/test-support/vendor-server.js';
import { notifyV2Activity } from './activity-v2.js';
import type { NotifyV2Config } from './definition-v2.js';
import { type SmtpSink, startSmtpSink } from '../testing/smtp-sink.js';

// The vendor server answers POST /crm/contacts with 201; the query stands in for the secret a webhook URL carries.
let hooks: VendorServer;
let smtp: SmtpSink;
let store: TestDatabase;
/** Ava Patel, owner of the leads and manager of team-1. */
let ava: string;
beforeAll(async () => {
  [hooks, smtp, store] = await Promise.all([startVendorServer(), startSmtpSink(), openTestDatabase()]);
  ava = await store.rep({ name: 'Ava Patel', email: 'ava@leadflow.test' });
  await store.team('team-1', ava);
});
afterAll(async () => {
  await Promise.all([hooks.close(), smtp.stop(), store.close()]);
});
beforeEach(() => {
  hooks.reset();
  smtp.messages.length = 0;
});

const slackUrl = () => `${hooks.origin}/crm/contacts?slack=T000/B000/secret`;
const webhookUrl = () => `${hooks.origin}/crm/contacts?token=secret`;
/** Jane at Acme, owned by Ava; each test stores its own. */
const jane = (): Partial<LeadContext> => ({
  fullName: 'Jane Doe',
  company: 'Acme',
  score: 82,
  tier: 1,
  ownerId: ava,
  ownerName: 'Ava Patel',
  teamId: 'team-1',
});

const config = (overrides: Partial<NotifyV2Config> = {}): NotifyV2Config => ({
  channels: ['slack'],
  to: 'owner',
  subject: 'New lead: {{fullName}}',
  body: '{{fullName}} at {{company}}, score {{score}}',
  slackWebhookUrl: slackUrl(),
  webhookUrl: webhookUrl(),
  ...overrides,
});

/** A stored lead (Jane's fields, or `fields`), and how to run notify for it and read its outbox rows. */
async function setup(options: { lead?: Partial<LeadContext>; allowHosts?: readonly string[]; smtpUrl?: string } = {}) {
  const lead = await store.lead(options.lead ?? jane());
  const run = (c: NotifyV2Config, attempt = 1) =>
    notifyV2Activity.run(
      c,
      testActivityContext({
        lead,
        allowHosts: options.allowHosts ?? [hooks.host],
        attempt,
        db: store.db,
        ...(options.smtpUrl && { smtpUrl: options.smtpUrl }),
      }),
    );
  const rows = () =>
    store.db.selectFrom('notifications').selectAll().where('lead_id', '=', lead.id).orderBy('created_at').execute();
  const row = async (channel: string) =>
    (await rows()).find((r) => r.idempotency_key === `${lead.id}:node-1:1:${channel}`);
  return { lead, run, row, rows, key: (channel: string) => `${lead.id}:node-1:1:${channel}` };
}

describe('notify v2: slack', () => {
  it('posts the message once, with lead values escaped, and records only the host', async () => {
    const { run, row } = await setup({
      lead: { fullName: 'Jane <!channel> & Co', company: 'Acme <https://evil.example|click>', score: 82 },
    });
    const outcome = await run(config({ body: '<!here> {{fullName}} at {{company}}, score {{score}}' }));
    expect(hooks.requests).toHaveLength(1);
    expect(JSON.parse(hooks.requests[0]?.body ?? '')).toEqual({
      // The author's <!here> stays a mention; what the lead typed stays text.
      text: 'New lead: Jane &lt;!channel&gt; &amp; Co\n<!here> Jane &lt;!channel&gt; &amp; Co at Acme &lt;https://evil.example|click&gt;, score 82',
    });
    expect(await row('slack')).toMatchObject({
      channel: 'slack',
      rep_id: null,
      recipient: hooks.host,
      status: 'sent',
      error: null,
      subject: 'New lead: Jane <!channel> & Co',
    });
    expect(outcome).toMatchObject({ port: 'out', reason: `slack sent (${hooks.host})` });
  });
});

describe('notify v2: webhook', () => {
  it('posts the notification event with an Idempotency-Key header', async () => {
    const { run, row, lead, key } = await setup();
    await run(config({ channels: ['webhook'] }));
    const [request] = hooks.requests;
    expect(request?.method).toBe('POST');
    expect(request?.headers['idempotency-key']).toBe(key('webhook'));
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      event: 'lead.notification',
      idempotencyKey: key('webhook'),
      lead: {
        id: lead.id,
        email: lead.email,
        fullName: 'Jane Doe',
        company: 'Acme',
        score: 82,
        tier: 1,
        ownerId: ava,
        ownerName: 'Ava Patel',
      },
      subject: 'New lead: Jane Doe',
      body: 'Jane Doe at Acme, score 82',
    });
    expect(await row('webhook')).toMatchObject({ recipient: hooks.host, status: 'sent' });
    expect(String((await row('webhook'))?.recipient)).not.toContain('secret');
  });
});

describe('notify v2: exactly once in effect', () => {
  it('sends each message once when the activity runs twice with the same key', async () => {
    const { run, rows, lead } = await setup({ smtpUrl: smtp.url });
    const channels: NotifyV2Config['channels'] = ['inbox', 'email', 'slack', 'webhook'];
    const first = await run(config({ channels }), 1);
    expect(first.reason).toBe(
      `inbox delivered (Ava Patel), email sent (ava@leadflow.test), slack sent (${hooks.host}) and webhook sent (${hooks.host})`,
    );
    const second = await run(config({ channels }), 2);
    expect(second.reason).toBe(
      'inbox delivered (Ava Patel), email sent (already sent (retry)), slack sent (already sent (retry)) and webhook sent (already sent (retry))',
    );
    expect(hooks.requests).toHaveLength(2);
    expect(smtp.messages.map(({ to, messageId }) => ({ to, messageId }))).toEqual([
      { to: ['ava@leadflow.test'], messageId: `<${lead.id}.node-1.1.email@leadflow>` },
    ]);
    expect((await rows()).map((r) => `${r.channel}:${r.status}`).sort()).toEqual([
      'email:sent',
      'inbox:delivered',
      'slack:sent',
      'webhook:sent',
    ]);
  });

  it('sends each message once when two attempts run at the same time: one claims it, the other is told it is busy', async () => {
    const slowSmtp = await startSmtpSink(0, { holdMs: 500 });
    try {
      const { run, rows } = await setup({ smtpUrl: slowSmtp.url });
      // A slow answer keeps the first attempt's webhook claim open while the second one tries.
      hooks.next('slow');
      const channels: NotifyV2Config['channels'] = ['email', 'webhook'];
      const [first, second] = await Promise.allSettled([run(config({ channels }), 1), run(config({ channels }), 2)]);
      // Each channel was claimed by exactly one attempt; the other attempt found it busy and asks Temporal to retry.
      expect([first.status, second.status]).toContain('rejected');
      const busy = [first, second].flatMap((result) =>
        result.status === 'rejected' ? [String((result.reason as Error).message)] : [],
      );
      expect(busy.join(' ')).toMatch(/being sent by another attempt/);
      expect(slowSmtp.messages).toHaveLength(1);
      expect(hooks.requests).toHaveLength(1);
      // The retry finds both sent and sends nothing.
      const retry = await run(config({ channels }), 3);
      expect(retry.reason).toBe('email sent (already sent (retry)) and webhook sent (already sent (retry))');
      expect(slowSmtp.messages).toHaveLength(1);
      expect(hooks.requests).toHaveLength(1);
      expect((await rows()).map((r) => `${r.channel}:${r.status}`).sort()).toEqual(['email:sent', 'webhook:sent']);
    } finally {
      await slowSmtp.stop();
    }
  });

  it('lets a later attempt take over a claim whose attempt died (its lease ran out)', async () => {
    const { run, key, row, lead } = await setup({ smtpUrl: smtp.url });
    // An attempt claimed the email and died before sending: its lease has already run out.
    await store.db
      .insertInto('notifications')
      .values({
        idempotency_key: key('email'),
        lead_id: lead.id,
        rep_id: ava,
        channel: 'email',
        recipient: 'ava@leadflow.test',
        subject: 's',
        body: 'b',
        status: 'sending',
        attempt_id: 'dead',
        lease_until: new Date(Date.now() - 1000),
      })
      .execute();
    const outcome = await run(config({ channels: ['email'] }), 2);
    expect(outcome.reason).toBe('email sent (ava@leadflow.test)');
    expect(await row('email')).toMatchObject({ status: 'sent', attempt_id: 'test-attempt-2' });
  });

  it('asks Temporal to retry once a live claim of a dead attempt runs out, not sooner', async () => {
    const { run, key, lead } = await setup({ smtpUrl: smtp.url });
    // An attempt claimed the email, then lost Postgres before it could mark it sent; its claim
    // holds for 40 s more. Retrying on the policy's 1, 2, 4, 8 s would use up every attempt first.
    const leaseUntil = new Date(Date.now() + 40_000);
    await store.db
      .insertInto('notifications')
      .values({
        idempotency_key: key('email'),
        lead_id: lead.id,
        rep_id: ava,
        channel: 'email',
        recipient: 'ava@leadflow.test',
        subject: 's',
        body: 'b',
        status: 'sending',
        attempt_id: 'dead',
        lease_until: leaseUntil,
      })
      .execute();
    const failure = await run(config({ channels: ['email'] }), 2).then(
      () => null,
      (error: unknown) => error as { nextRetryDelay?: number; message: string },
    );
    expect(failure?.message).toMatch(/being sent by another attempt/);
    expect(failure?.nextRetryDelay).toBeGreaterThan(38_000);
    expect(failure?.nextRetryDelay).toBeLessThanOrEqual(41_000);
    expect(smtp.messages).toHaveLength(0);
  });

  it('throws a 500 so Temporal retries, and the retry sends it with the same key', async () => {
    const { run, row, key } = await setup();
    hooks.next(500);
    await expect(run(config({ channels: ['webhook'] }), 1)).rejects.toMatchObject({
      retryable: true,
      message: `webhook failed (POST ${hooks.host} answered 500 Internal Server Error); retrying what was not sent`,
    });
    expect(await row('webhook')).toMatchObject({
      status: 'failed',
      error: `POST ${hooks.host} answered 500 Internal Server Error`,
    });
    const outcome = await run(config({ channels: ['webhook'] }), 2);
    expect(outcome.reason).toBe(`webhook sent (${hooks.host})`);
    expect(await row('webhook')).toMatchObject({ status: 'sent', error: null });
    expect(hooks.requests.map((r) => r.headers['idempotency-key'])).toEqual([key('webhook'), key('webhook')]);
  });

  it('still sends the other channels before throwing for a transient failure, and the retry sends only the failed one', async () => {
    const { run, row } = await setup();
    hooks.next(503);
    await expect(run(config({ channels: ['slack', 'webhook'] }), 1)).rejects.toMatchObject({ retryable: true });
    expect(hooks.requests).toHaveLength(2);
    expect((await row('slack'))?.status).toBe('failed');
    expect((await row('webhook'))?.status).toBe('sent');
    const outcome = await run(config({ channels: ['slack', 'webhook'] }), 2);
    expect(outcome.reason).toBe(`slack sent (${hooks.host}) and webhook sent (already sent (retry))`);
    expect(hooks.requests).toHaveLength(3);
  });
});

describe('notify v2: refusals do not park the lead', () => {
  it('records a 404 as failed without throwing, and the inbox is still delivered', async () => {
    const { run, row } = await setup();
    hooks.next(404);
    const outcome = await run(config({ channels: ['inbox', 'webhook'] }));
    expect(outcome.port).toBe('out');
    expect(outcome.reason).toBe(
      `inbox delivered (Ava Patel) and webhook failed (POST ${hooks.host} answered 404 Not Found)`,
    );
    expect(await row('inbox')).toMatchObject({ status: 'delivered', rep_id: ava });
    expect(await row('webhook')).toMatchObject({
      status: 'failed',
      error: `POST ${hooks.host} answered 404 Not Found`,
    });
    expect(hooks.requests).toHaveLength(1);
  });

  it('records a private address that is not allowed as failed without calling it', async () => {
    const { run, row } = await setup({ allowHosts: [] });
    const outcome = await run(config({ channels: ['slack'] }));
    expect(outcome.reason).toMatch(
      new RegExp(`^slack failed \\(refused to call ${hooks.host}: it is a loopback address`),
    );
    expect((await row('slack'))?.status).toBe('failed');
    expect(hooks.requests).toHaveLength(0);
  });
});

describe('notify v2: recipients', () => {
  it('skips inbox and email when the lead has no owner, and still posts to slack', async () => {
    const { run, rows } = await setup({ lead: { fullName: 'Jane Doe' } });
    const outcome = await run(config({ channels: ['inbox', 'email', 'slack'] }));
    expect(outcome.reason).toBe(
      `inbox skipped (the lead has no owner), email skipped (the lead has no owner) and slack sent (${hooks.host})`,
    );
    expect((await rows()).map((r) => r.channel)).toEqual(['slack']);
  });

  it('finds the team manager, and records email as skipped when SMTP is not set (as v1)', async () => {
    const { run, row } = await setup({ lead: { teamId: 'team-1' } });
    const outcome = await run(config({ channels: ['inbox', 'email'], to: 'team_manager' }));
    expect(outcome.reason).toBe('inbox delivered (Ava Patel) and email skipped (SMTP_URL is not set)');
    expect(await row('email')).toMatchObject({
      status: 'skipped',
      recipient: 'ava@leadflow.test',
      error: 'SMTP_URL is not set',
    });
  });
});
