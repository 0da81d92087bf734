import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { GraphDocument } from '@leadflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack, type TestStack } from './support/test-stack.js';

interface Received {
  path: string;
  body: unknown;
  headers: IncomingMessage['headers'];
}

/** A vendor API, a CRM and a webhook receiver, all on loopback. */
async function startOutsideWorld(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://x');
      received.push({ path: url.pathname, body: raw ? JSON.parse(raw) : null, headers: request.headers });
      response.setHeader('content-type', 'application/json');
      if (url.pathname === '/companies')
        response.end(
          JSON.stringify({
            domain: url.searchParams.get('domain'),
            category: { industry: 'Software' },
            metrics: { employees: 450 },
          }),
        );
      else if (url.pathname === '/crm/contacts') response.end(JSON.stringify({ id: 'crm-123' }));
      else response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, received, server };
}

function graph(outside: string): GraphDocument {
  const at = (x: number, y = 0) => ({ x: x * 220, y });
  return {
    name: 'every new node type',
    nodes: [
      {
        id: 'capture',
        type: 'capture',
        typeVersion: 1,
        position: at(0),
        config: { channels: ['api'], requiredFields: ['email'], defaultCountry: 'US' },
      },
      {
        id: 'enrich',
        type: 'enrich',
        typeVersion: 2,
        position: at(1),
        config: {
          providers: [
            { kind: 'email_type' },
            { kind: 'company_domain' },
            {
              kind: 'http',
              name: 'vendor',
              url: `${outside}/companies?domain={{companyDomain}}`,
              authHeader: 'Authorization: Bearer test-key',
              fieldMap: [
                { from: 'category.industry', to: 'industry' },
                { from: 'metrics.employees', to: 'employees', confidence: 0.7 },
              ],
              timeout: '2s',
              retries: 0,
            },
          ],
          want: ['companyDomain', 'industry', 'employees'],
        },
      },
      {
        id: 'score',
        type: 'score',
        typeVersion: 2,
        position: at(2),
        config: {
          fitRules: [{ label: 'mid-market', when: 'employees >= 100', points: 60 }],
          intentRules: [{ label: 'demo request', when: 'source == "demo_request"', points: 60 }],
          eventRules: [],
          fitThreshold: 50,
          intentThreshold: 50,
          mqlThreshold: 60,
          sqlThreshold: 100,
        },
      },
      {
        id: 'split',
        type: 'split',
        typeVersion: 1,
        position: at(3),
        config: {
          variants: [
            { port: 'a', percent: 50 },
            { port: 'b', percent: 50 },
          ],
        },
      },
      {
        id: 'mark-a',
        type: 'update',
        typeVersion: 1,
        position: at(4, -80),
        config: { set: [{ field: 'custom.variant', value: '"a"' }] },
      },
      {
        id: 'mark-b',
        type: 'update',
        typeVersion: 1,
        position: at(4, 80),
        config: { set: [{ field: 'custom.variant', value: '"b"' }] },
      },
      {
        id: 'crm',
        type: 'http',
        typeVersion: 1,
        position: at(5),
        config: {
          method: 'POST',
          url: `${outside}/crm/contacts`,
          headers: {},
          body: '{"email": "{{email}}", "variant": "{{custom.variant}}", "tier": {{tier}}}',
          timeout: '2s',
          saveAs: [{ from: 'id', to: 'crmId' }],
        },
      },
      {
        id: 'bad-crm',
        type: 'disqualify',
        typeVersion: 1,
        position: at(6, 160),
        config: { reason: 'bad_data', note: 'the CRM refused the contact' },
      },
      {
        id: 'engaged',
        type: 'wait',
        typeVersion: 2,
        position: at(6),
        config: { mode: 'event', events: ['page_visited'], condition: 'events.page_visited >= 2', timeout: '1m' },
      },
      { id: 'cold', type: 'end', typeVersion: 1, position: at(7, 160), config: { outcome: 'never came back' } },
      {
        id: 'hook',
        type: 'notify',
        typeVersion: 2,
        position: at(7),
        config: {
          channels: ['webhook'],
          to: 'owner',
          subject: 'Engaged: {{email}}',
          body: 'Visited {{events.page_visited}} times',
          webhookUrl: `${outside}/hook`,
        },
      },
      { id: 'nurture', type: 'recycle', typeVersion: 1, position: at(8), config: { reengageOn: ['demo_requested'] } },
      { id: 'back', type: 'end', typeVersion: 1, position: at(9), config: { outcome: 'back from nurture' } },
    ],
    edges: [
      { id: 'e1', source: 'capture', sourceHandle: 'out', target: 'enrich' },
      { id: 'e2', source: 'enrich', sourceHandle: 'enriched', target: 'score' },
      { id: 'e3', source: 'enrich', sourceHandle: 'empty', target: 'score' },
      { id: 'e4', source: 'score', sourceHandle: 'out', target: 'split' },
      { id: 'e5', source: 'split', sourceHandle: 'a', target: 'mark-a' },
      { id: 'e6', source: 'split', sourceHandle: 'b', target: 'mark-b' },
      { id: 'e7', source: 'mark-a', sourceHandle: 'out', target: 'crm' },
      { id: 'e8', source: 'mark-b', sourceHandle: 'out', target: 'crm' },
      { id: 'e9', source: 'crm', sourceHandle: 'ok', target: 'engaged' },
      { id: 'e10', source: 'crm', sourceHandle: 'failed', target: 'bad-crm' },
      { id: 'e11', source: 'engaged', sourceHandle: 'event', target: 'hook' },
      { id: 'e12', source: 'engaged', sourceHandle: 'timeout', target: 'cold' },
      { id: 'e13', source: 'hook', sourceHandle: 'out', target: 'nurture' },
      { id: 'e14', source: 'nurture', sourceHandle: 're_engaged', target: 'back' },
    ],
  };
}

describe('the newer node types on the real Temporal dev server', () => {
  let stack: TestStack;
  let outside: Awaited<ReturnType<typeof startOutsideWorld>>;

  beforeAll(async () => {
    outside = await startOutsideWorld();
    stack = await startTestStack();
    const created = await stack.api('POST', '/api/workflows', {
      name: 'library',
      draft: graph(outside.url),
      isDefault: true,
    });
    expect(created.status).toBe(201);
    const published = await stack.api('POST', '/api/workflows/library/publish', { note: 'v1' });
    expect(published.body.errors ?? []).toEqual([]);
  });
  afterAll(async () => {
    await stack?.stop();
    await new Promise((resolve) => outside?.server.close(resolve));
  });

  const lead = async (id: string) => (await stack.api('GET', `/api/leads/${id}`)).body;
  const steps = async (id: string) =>
    (await stack.api('GET', `/api/leads/${id}/history`)).body.steps as Array<{
      nodeId: string;
      port: string | null;
      reason: string;
      output: Record<string, unknown>;
    }>;

  it('enriches from a vendor, scores, splits, updates, calls the CRM, waits on a condition, posts a webhook, recycles and comes back', async () => {
    const { body } = await stack.api('POST', '/api/leads', {
      email: 'ops@midmarket.io',
      name: 'Olga Ops',
      source: 'demo_request',
    });
    const id = body.lead.id as string;
    await eventually(async () => (await lead(id)).run.nodeId === 'engaged', 'the lead to wait for engagement');

    const trail = await steps(id);
    const enrich = trail.find((s) => s.nodeId === 'enrich');
    expect(enrich?.port).toBe('enriched');
    expect(enrich?.output.fields).toMatchObject({
      industry: { value: 'Software', provider: 'vendor' },
      employees: { value: 450, provider: 'vendor', confidence: 0.7 },
    });
    const vendorCall = outside.received.find((r) => r.path === '/companies');
    expect(vendorCall?.headers.authorization).toBe('Bearer test-key');
    expect(trail.find((s) => s.nodeId === 'score')?.reason).toMatch(/^fit 60, intent 60, total 120 → tier 1/);
    const variant = trail.find((s) => s.nodeId === 'split')?.port as string;
    expect(['a', 'b']).toContain(variant);
    expect(trail.map((s) => s.nodeId)).toContain(`mark-${variant}`);
    const crmCall = outside.received.find((r) => r.path === '/crm/contacts');
    expect(crmCall?.body).toEqual({ email: 'ops@midmarket.io', variant, tier: 1 });
    expect(crmCall?.headers['idempotency-key']).toMatch(new RegExp(`^${id}:crm:1$`));
    expect((await lead(id)).custom).toEqual({ variant, crmId: 'crm-123' });

    // One visit does not meet the condition; the second does.
    await stack.api('POST', `/api/leads/${id}/events`, { type: 'page_visited', data: { url: '/pricing' } });
    // The run has read the visit from its mail and still waits: one visit is not enough.
    await eventually(
      async () =>
        (await stack.db.selectFrom('leads').select('delivered_seq').where('id', '=', id).executeTakeFirstOrThrow())
          .delivered_seq === 1 && true,
      'the run to read the visit',
    );
    const afterOne = await lead(id);
    expect(afterOne.run).toMatchObject({ nodeId: 'engaged', status: 'waiting' });
    await stack.api('POST', `/api/leads/${id}/events`, { type: 'page_visited', data: { url: '/pricing' } });
    const recycled = await eventually(async () => {
      const current = await lead(id);
      return current.run.nodeId === 'nurture' && current.run.status === 'waiting' ? current : undefined;
    }, 'the lead to rest in nurture');
    expect(recycled.status).toBe('recycled');
    const hooks = outside.received.filter((r) => r.path === '/hook');
    expect(hooks).toHaveLength(1);
    expect(hooks[0]?.body).toMatchObject({
      event: 'lead.notification',
      subject: 'Engaged: ops@midmarket.io',
      body: 'Visited 2 times',
    });

    await stack.api('POST', `/api/leads/${id}/events`, { type: 'demo_requested' });
    const back = await eventually(async () => {
      const current = await lead(id);
      return current.run.status === 'completed' ? current : undefined;
    }, 'the lead to come back from nurture');
    expect(back.status).toBe('working');
    expect((await steps(id)).map((s) => s.nodeId)).toEqual([
      'capture',
      'enrich',
      'score',
      'split',
      `mark-${variant}`,
      'crm',
      'engaged',
      'hook',
      'nurture',
      'back',
    ]);
  });

  it('disqualifies with a reason code when the CRM refuses the contact', async () => {
    outside.server.removeAllListeners('request');
    outside.server.on('request', (request, response) => {
      request.resume();
      request.on('end', () => {
        const path = new URL(request.url ?? '/', 'http://x').pathname;
        response.setHeader('content-type', 'application/json');
        if (path === '/crm/contacts') {
          response.statusCode = 422;
          response.end('{"error":"invalid"}');
        } else response.end(JSON.stringify({ category: { industry: 'Retail' }, metrics: { employees: 20 } }));
      });
    });
    const { body } = await stack.api('POST', '/api/leads', {
      email: 'refused@tiny.shop',
      name: 'Tiny',
      source: 'webinar',
    });
    const done = await eventually(async () => {
      const current = await lead(body.lead.id);
      return current.run.status === 'completed' ? current : undefined;
    }, 'the lead to be disqualified');
    expect(done).toMatchObject({ status: 'disqualified', disqualificationReason: 'bad_data' });
    expect((await steps(body.lead.id)).find((s) => s.nodeId === 'crm')?.port).toBe('failed');
  });
});
