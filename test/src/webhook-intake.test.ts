import { signatureHeader } from '@leadflow/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadCount, publishRoutedWorkflow, rawRequest } from './support/intake-fixtures.js';
import { eventually, startTestStack, type TestStack } from './support/test-stack.js';

describe('signed webhook intake', () => {
  let stack: TestStack;
  let source: { id: string; endpoint: string; secret: string };
  let mapped: { id: string; endpoint: string; secret: string };

  const deliver = (
    endpoint: string,
    payload: unknown,
    signature: string | null,
    headers: Record<string, string> = {},
  ) => {
    const body = JSON.stringify(payload);
    return rawRequest(`${stack.baseUrl}${endpoint}`, {
      headers: {
        'content-type': 'application/json',
        ...(signature !== null && { 'leadflow-signature': signature }),
        ...headers,
      },
      body,
    });
  };
  const signed = (endpoint: string, secret: string, payload: unknown, at = Date.now()) =>
    deliver(endpoint, payload, signatureHeader(secret, JSON.stringify(payload), at));

  beforeAll(async () => {
    stack = await startTestStack();
    await publishRoutedWorkflow(stack, 'routed', 'sales', ['Ann'], true);
    source = (await stack.api('POST', '/api/webhook-sources', { name: 'Marketing automation' })).body;
    mapped = (
      await stack.api('POST', '/api/webhook-sources', {
        name: 'Ad platform lead forms',
        fieldMapping: {
          email: '/user/email_address',
          name: '/user/full_name',
          phone: '/user/phone',
          'utm.campaign': '/campaign/name',
          'custom.adId': '/ad/id',
        },
      })
    ).body;
  });
  afterAll(() => stack?.stop());

  it("shows a source's secret when it is created and never after", async () => {
    expect(source.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const listed = (await stack.api('GET', '/api/webhook-sources')).body.sources;
    expect(listed).toHaveLength(2);
    expect(JSON.stringify(listed)).not.toContain('whsec_');
    expect(JSON.stringify((await stack.api('GET', `/api/webhook-sources/${source.id}`)).body)).not.toContain(
      source.secret,
    );
  });

  it('refuses unsigned, badly signed, stale and future-dated deliveries with 401, writing nothing', async () => {
    const payload = { email: 'forged@buyer.io' };
    const unsigned = await deliver(source.endpoint, payload, null);
    expect(unsigned).toMatchObject({
      status: 401,
      body: { code: 'BAD_SIGNATURE', message: expect.stringMatching(/not signed/) },
    });
    const wrongKey = await signed(source.endpoint, 'whsec_guess', payload);
    expect(wrongKey).toMatchObject({ status: 401, body: { message: expect.stringMatching(/does not match/) } });
    const tampered = await deliver(
      source.endpoint,
      { email: 'other@buyer.io' },
      signatureHeader(source.secret, JSON.stringify(payload)),
    );
    expect(tampered.status).toBe(401);
    const stale = await signed(source.endpoint, source.secret, payload, Date.now() - 6 * 60_000);
    expect(stale).toMatchObject({ status: 401, body: { message: expect.stringMatching(/stale/) } });
    const future = await signed(source.endpoint, source.secret, payload, Date.now() + 6 * 60_000);
    expect(future).toMatchObject({ status: 401, body: { message: expect.stringMatching(/stale/) } });
    expect(await leadCount(stack, 'forged@buyer.io')).toBe(0);
    expect((await deliver('/intake/webhooks/00000000-0000-4000-8000-000000000000', payload, null)).status).toBe(404);
  });

  it('captures a signed lead once and answers a replay of the same delivery with 409', async () => {
    const payload = { email: 'hook@buyer.io', name: 'Hook Buyer', source: 'webinar' };
    const signature = signatureHeader(source.secret, JSON.stringify(payload));
    const first = await deliver(source.endpoint, payload, signature);
    expect(first).toMatchObject({ status: 201, body: { outcome: 'created', started: true } });
    const replay = await deliver(source.endpoint, payload, signature);
    expect(replay).toMatchObject({ status: 409, body: { code: 'REPLAYED' } });
    expect(await leadCount(stack, 'hook@buyer.io')).toBe(1);
    const lead = (await stack.api('GET', `/api/leads/${first.body.leadId}`)).body;
    expect(lead).toMatchObject({ channel: 'webhook', source: 'webinar' });
    await eventually(
      async () => (await stack.api('GET', `/api/leads/${lead.id}`)).body.run.nodeId === 'await-demo',
      'the webhook lead to run its workflow',
    );
  });

  it("maps an ad platform's payload to lead fields, and names the mapped field a payload lacks", async () => {
    const payload = {
      user: { email_address: 'ad@buyer.io', full_name: 'Ada Lead', phone: 4155550123 },
      campaign: { name: 'spring' },
      ad: { id: 991 },
    };
    const created = await signed(mapped.endpoint, mapped.secret, payload);
    expect(created.status).toBe(201);
    const lead = await stack.db
      .selectFrom('leads')
      .selectAll()
      .where('id', '=', created.body.leadId)
      .executeTakeFirstOrThrow();
    expect(lead).toMatchObject({
      email: 'ad@buyer.io',
      first_name: 'Ada',
      last_name: 'Lead',
      phone: '+14155550123',
      custom: { adId: 991 },
      first_touch: { utm: { campaign: 'spring' } },
    });

    const missing = await signed(mapped.endpoint, mapped.secret, { user: { full_name: 'No Mail' } });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([{ path: 'email', message: 'is required (mapped from /user/email_address)' }]);
  });

  it("gives a failed delivery's claim back, so retrying it is answered the same, not as a replay", async () => {
    const payload = { email: 'not-an-email' };
    const signature = signatureHeader(source.secret, JSON.stringify(payload));
    expect((await deliver(source.endpoint, payload, signature)).status).toBe(422);
    expect((await deliver(source.endpoint, payload, signature)).status).toBe(422);
  });

  it('returns the first answer to a retry with the same Idempotency-Key and a fresh signature', async () => {
    const payload = { email: 'retry@buyer.io' };
    const first = await deliver(
      source.endpoint,
      payload,
      signatureHeader(source.secret, JSON.stringify(payload), Date.now() - 2000),
      { 'idempotency-key': 'evt-1' },
    );
    const retry = await deliver(source.endpoint, payload, signatureHeader(source.secret, JSON.stringify(payload)), {
      'idempotency-key': 'evt-1',
    });
    expect(first.body.outcome).toBe('created');
    expect(retry.body).toEqual({ leadId: first.body.leadId, outcome: 'replayed', started: false });
    expect(await leadCount(stack, 'retry@buyer.io')).toBe(1);
  });

  it('keeps the old secret working for a while after a rotation', async () => {
    const rotated = (await stack.api('POST', `/api/webhook-sources/${source.id}/rotate`)).body;
    expect(rotated.secret).not.toBe(source.secret);
    expect(Date.parse(rotated.previousSecretValidUntil)).toBeGreaterThan(Date.now());
    expect((await signed(source.endpoint, source.secret, { email: 'old-secret@buyer.io' })).status).toBe(201);
    expect((await signed(source.endpoint, rotated.secret, { email: 'new-secret@buyer.io' })).status).toBe(201);
    source.secret = rotated.secret;
  });

  it("takes intent events from a source too, by the lead's email", async () => {
    const event = { email: 'HOOK@buyer.io', type: 'content_downloaded', asset: 'pricing-guide.pdf' };
    const response = await signed(`${source.endpoint}/activity`, source.secret, event);
    // The same answer whether or not a lead has the email (see edge-privilege.test.ts).
    expect(response).toMatchObject({ status: 202, body: { accepted: true } });
    const lead = await stack.db
      .selectFrom('leads')
      .select('id')
      .where('email_normalized', '=', 'hook@buyer.io')
      .executeTakeFirstOrThrow();
    const events = await stack.db
      .selectFrom('lead_events')
      .select(['type', 'data'])
      .where('lead_id', '=', lead.id)
      .where('type', '=', 'content_downloaded')
      .execute();
    expect(events).toEqual([{ type: 'content_downloaded', data: { asset: 'pricing-guide.pdf' } }]);
  });
});
