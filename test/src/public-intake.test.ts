import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadCount, publishRoutedWorkflow, rawRequest } from './support/intake-fixtures.js';
import { eventually, startTestStack, type TestStack } from './support/test-stack.js';

const ORIGIN = 'https://www.acme.test';
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const URLENCODED = { 'content-type': 'application/x-www-form-urlencoded' };

describe('public web forms', () => {
  let stack: TestStack;
  let main: { id: string; publicKey: string; endpoint: string };
  let other: { id: string; publicKey: string; endpoint: string };
  const url = (endpoint: string, query = '') => `${stack.baseUrl}${endpoint}${query}`;

  beforeAll(async () => {
    stack = await startTestStack();
    await publishRoutedWorkflow(stack, 'routed', 'sales', ['Ann', 'Bo'], true);
    await publishRoutedWorkflow(stack, 'unstaffed', 'empty', []);
    main = (
      await stack.api('POST', '/api/forms', { name: 'Demo request', allowedOrigins: [ORIGIN], rateLimitPerMinute: 4 })
    ).body;
    other = (
      await stack.api('POST', '/api/forms', { name: 'Newsletter', allowedOrigins: [ORIGIN], workflow: 'unstaffed' })
    ).body;
  });
  afterAll(() => stack?.stop());

  it('gives each form a random public key and an endpoint outside /api', () => {
    expect(main.publicKey).toMatch(/^pk_[A-Za-z0-9_-]{24}$/);
    expect(other.publicKey).not.toBe(main.publicKey);
    expect(main.endpoint).toBe(`/intake/forms/${main.publicKey}`);
  });

  it('answers 404 for an unknown key and for a switched-off form', async () => {
    expect(
      (await rawRequest(url('/intake/forms/pk_nope'), { headers: URLENCODED, body: form({ email: 'x@y.io' }) })).status,
    ).toBe(404);
    const off = (await stack.api('POST', '/api/forms', { name: 'Old', active: false })).body;
    const response = await rawRequest(url(off.endpoint), { headers: URLENCODED, body: form({ email: 'old@y.io' }) });
    expect(response.status).toBe(404);
    expect(await leadCount(stack, 'old@y.io')).toBe(0);
  });

  it("sends CORS headers to the form's own origin only, preflight included, and refuses posts from others", async () => {
    const preflight = (origin: string) =>
      rawRequest(url(main.endpoint), {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const allowed = await preflight(ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(allowed.headers['access-control-allow-methods']).toBe('POST');
    const foreign = await preflight('https://evil.test');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    expect(foreign.headers['access-control-allow-methods']).toBeUndefined();

    const refused = await rawRequest(url(main.endpoint), {
      headers: { ...URLENCODED, origin: 'https://evil.test' },
      body: form({ email: 'evil@acme.io' }),
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('ORIGIN_NOT_ALLOWED');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    expect(await leadCount(stack, 'evil@acme.io')).toBe(0);
  });

  it('creates exactly one lead per post, URL-encoded or JSON, and runs its workflow', async () => {
    const encoded = await rawRequest(url(main.endpoint), {
      headers: { ...URLENCODED, origin: ORIGIN },
      body: form({
        email: 'Pat@Buyer.io',
        name: 'Pat Buyer',
        company: 'Buyer',
        website: '',
        utm_source: 'ads',
        teamSize: '50',
      }),
    });
    expect(encoded.status).toBe(200);
    expect(encoded.body).toEqual({ ok: true, message: expect.any(String) });
    expect(encoded.headers['access-control-allow-origin']).toBe(ORIGIN);
    const json = await rawRequest(url(other.endpoint), {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'sam@buyer.io', custom: { plan: 'pro' } }),
    });
    expect(json.status).toBe(200);
    expect([await leadCount(stack, 'pat@buyer.io'), await leadCount(stack, 'sam@buyer.io')]).toEqual([1, 1]);

    const pat = await stack.db
      .selectFrom('leads')
      .selectAll()
      .where('email_normalized', '=', 'pat@buyer.io')
      .executeTakeFirstOrThrow();
    expect(pat).toMatchObject({
      channel: 'web_form',
      custom: { teamSize: '50' },
      first_touch: { formId: main.id, utm: { source: 'ads' } },
    });
    await eventually(
      async () => (await stack.api('GET', `/api/leads/${pat.id}`)).body.run.nodeId === 'await-demo',
      'the form lead to be routed and wait for a demo',
    );
    const sam = await stack.db
      .selectFrom('leads')
      .select(['id', 'workflow_id'])
      .where('email_normalized', '=', 'sam@buyer.io')
      .executeTakeFirstOrThrow();
    expect(sam.workflow_id).toBe((await stack.api('GET', '/api/workflows/unstaffed')).body.id);
  });

  it('answers a filled honeypot like a success and keeps nothing', async () => {
    const trapped = await rawRequest(url(other.endpoint), {
      headers: { ...URLENCODED, origin: ORIGIN },
      body: form({ email: 'bot@spam.io', website: 'http://spam.io' }),
    });
    expect(trapped.status).toBe(200);
    expect(trapped.body).toEqual({ ok: true, message: expect.any(String) });
    expect(await leadCount(stack, 'bot@spam.io')).toBe(0);
  });

  it('names the field a bad post gets wrong, and writes nothing', async () => {
    const noEmail = await rawRequest(url(other.endpoint), { headers: URLENCODED, body: form({ name: 'No Email' }) });
    expect(noEmail.status).toBe(422);
    expect(noEmail.body.errors).toEqual([{ path: 'email', message: 'is required' }]);
    const badEmail = await rawRequest(url(other.endpoint), {
      headers: URLENCODED,
      body: form({ email: 'not-an-email' }),
    });
    expect(badEmail.status).toBe(422);
    expect(badEmail.body.errors[0].path).toBe('email');
    const steering = await rawRequest(url(other.endpoint), {
      headers: URLENCODED,
      body: form({ email: 'steer@buyer.io', workflow: 'routed' }),
    });
    expect(steering.status).toBe(422);
    expect(steering.body.errors[0]).toMatchObject({ path: 'workflow' });
    expect(await leadCount(stack, 'steer@buyer.io')).toBe(0);
  });

  it('refuses a body over 16 KiB with 413', async () => {
    const response = await rawRequest(url(other.endpoint), {
      headers: URLENCODED,
      body: form({ email: 'big@buyer.io', note: 'x'.repeat(17 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(await leadCount(stack, 'big@buyer.io')).toBe(0);
  });

  it('limits posts per IP and form (429 with Retry-After) while other addresses and forms still get through', async () => {
    const trap = (formUrl: string, localAddress?: string) =>
      rawRequest(formUrl, { headers: URLENCODED, body: form({ email: 'flood@spam.io', website: 'x' }), localAddress });
    const statuses: number[] = [];
    // The main form allows 4 a minute; earlier tests posted to it from 127.0.0.1 already.
    for (let i = 0; i < 6; i++) statuses.push((await trap(url(main.endpoint))).status);
    expect(statuses).toContain(429);
    expect(statuses.slice(statuses.indexOf(429))).toEqual(statuses.slice(statuses.indexOf(429)).map(() => 429));
    const limited = await trap(url(main.endpoint));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.code).toBe('RATE_LIMITED');

    expect((await trap(url(main.endpoint), '127.0.0.2')).status).toBe(200);
    expect((await trap(url(other.endpoint))).status).toBe(200);
  });

  it("redirects a plain HTML post (no script) to the form's redirect URL", async () => {
    const landing = (
      await stack.api('POST', '/api/forms', { name: 'Landing', redirectUrl: 'https://acme.test/thanks' })
    ).body;
    const response = await rawRequest(url(landing.endpoint), {
      headers: { ...URLENCODED, accept: 'text/html' },
      body: form({ email: 'plain@buyer.io' }),
    });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('https://acme.test/thanks');
    expect(await leadCount(stack, 'plain@buyer.io')).toBe(1);
  });

  it("serves a drop-in snippet that posts to the form's endpoint with its key", async () => {
    const response = await fetch(`${stack.baseUrl}/api/forms/${main.id}/snippet?baseUrl=https://leads.acme.test`, {
      headers: { authorization: `Bearer ${stack.token}` },
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain(`action="https://leads.acme.test/intake/forms/${main.publicKey}" method="post"`);
    expect(html).toMatch(/<input name="website" type="text" tabindex="-1"/);
    expect(html).not.toContain(stack.token);
  });

  it('documents the channels in the OpenAPI document, the public ones without a token', async () => {
    const doc = (await stack.api('GET', '/docs/json')).body as { paths: Record<string, Record<string, any>> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/forms',
        '/api/forms/{id}/snippet',
        '/api/webhook-sources/{id}/rotate',
        '/api/activity',
        '/intake/forms/{publicKey}',
        '/intake/webhooks/{sourceId}',
      ]),
    );
    expect(doc.paths['/intake/forms/{publicKey}']?.post.security).toEqual([]);
    expect(Object.keys(doc.paths['/api/forms/{id}/snippet']?.get.responses['200'].content)).toEqual(['text/html']);
  });

  describe('waiting for the assignment (?wait=assignment)', () => {
    it('answers a form post with the rep the lead got, the same the database holds', async () => {
      const response = await rawRequest(url(main.endpoint, '?wait=assignment'), {
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        body: JSON.stringify({ email: 'now@buyer.io' }),
        localAddress: '127.0.0.3',
      });
      expect(response.status).toBe(200);
      expect(response.body.timedOut).toBe(false);
      const lead = await stack.db
        .selectFrom('leads')
        .selectAll()
        .where('email_normalized', '=', 'now@buyer.io')
        .executeTakeFirstOrThrow();
      const rep = await stack.db
        .selectFrom('reps')
        .select(['id', 'name', 'email'])
        .where('id', '=', lead.owner_id as string)
        .executeTakeFirstOrThrow();
      expect(response.body.owner).toEqual(rep);
      expect(lead.workflow_started_at).not.toBeNull();
    });

    it('answers POST /api/leads the same way, and a resubmission with the owner it already has', async () => {
      const first = await stack.api('POST', '/api/leads?wait=assignment', { email: 'api-now@buyer.io' });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ timedOut: false, started: true, lead: { ownerId: first.body.owner.id } });
      const again = await stack.api('POST', '/api/leads?wait=assignment&waitSeconds=5', { email: 'api-now@buyer.io' });
      expect(again.body).toMatchObject({ duplicate: true, owner: first.body.owner, timedOut: false });
      expect(await leadCount(stack, 'api-now@buyer.io')).toBe(1);
    });

    it('answers with no owner, not a timeout, when the run settles unassigned', async () => {
      const response = await rawRequest(url(other.endpoint, '?wait=assignment'), {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'nobody@buyer.io' }),
        localAddress: '127.0.0.3',
      });
      expect(response.body).toEqual({ ok: true, message: expect.any(String), owner: null, timedOut: false });
      // The run answered as it ended; the end node's status is written right after.
      const lead = await eventually(async () => {
        const row = await stack.db
          .selectFrom('leads')
          .select(['owner_id', 'status'])
          .where('email_normalized', '=', 'nobody@buyer.io')
          .executeTakeFirstOrThrow();
        return row.status === 'unassigned' ? row : undefined;
      }, 'the lead to end unassigned');
      expect(lead.owner_id).toBeNull();
    });

    it('falls back to the asynchronous answer when no worker answers in time, and the lead is routed later', async () => {
      await stack.worker?.stop();
      const response = await stack.api('POST', '/api/leads?wait=assignment&waitSeconds=1', { email: 'later@buyer.io' });
      expect(response.body).toMatchObject({ started: true, owner: null, timedOut: true });
      stack.worker = await stack.startWorker();
      const routed = await eventually(
        async () => (await stack.api('GET', `/api/leads/${response.body.lead.id}`)).body.ownerId ?? undefined,
        'the lead to be routed once a worker is back',
      );
      expect(
        await stack.db.selectFrom('reps').select('name').where('id', '=', routed).executeTakeFirstOrThrow(),
      ).toMatchObject({ name: expect.stringMatching(/^(Ann|Bo)$/) });
    });
  });
});
