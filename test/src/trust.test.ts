import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { GraphDocument } from '@leadflow/engine';
import { CredentialResolver } from '@leadflow/engine/credentials';
import { LeadflowPayloadCodec, LeadKeys } from '@leadflow/engine/crypto';
import { nodeRegistry, verifySignature } from '@leadflow/nodes';
import { rotateKeyring, secureStoredSecrets } from '@leadflow/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack, tasksOf, type TestStack } from './support/test-stack.js';
import { capturedOutput, databaseText, temporalHistoryText } from './support/where-secrets-hide.js';

const CANARY = 'canary-secret-7f3a9c21e4';
const SIGNING = `${CANARY}-signing`;
const EMAIL = 'canary-lead-5d1e@trust.test';
const NAME = 'Canary Person';
const at = (x: number, y = 0) => ({ x: x * 240, y });

function trustGraph(ids: { bearer: string; webhook: string; slack: string }, outside: string): GraphDocument {
  return {
    name: 'trust',
    nodes: [
      {
        id: 'capture',
        type: 'capture',
        typeVersion: 1,
        position: at(0),
        config: { channels: ['api'], requiredFields: ['email'], defaultCountry: 'US' },
      },
      {
        id: 'assign',
        type: 'assign',
        typeVersion: 1,
        position: at(1),
        config: { strategy: 'round_robin', team: 'trust' },
      },
      {
        id: 'crm',
        type: 'http',
        typeVersion: 1,
        position: at(2),
        config: {
          method: 'POST',
          url: `${outside}/crm`,
          credential: ids.bearer,
          body: '{"email": "{{email}}"}',
          timeout: '2s',
        },
      },
      {
        id: 'alert',
        type: 'notify',
        typeVersion: 2,
        position: at(3),
        config: {
          channels: ['webhook', 'slack'],
          to: 'owner',
          subject: 'Lead {{email}}',
          body: 'Call {{fullName}}',
          webhookCredential: ids.webhook,
          slackCredential: ids.slack,
        },
      },
      {
        id: 'await',
        type: 'wait',
        typeVersion: 1,
        position: at(4),
        config: { mode: 'event', events: ['contacted'], timeout: '1h' },
      },
      {
        id: 'done',
        type: 'end',
        typeVersion: 1,
        position: at(5),
        config: { outcome: 'contacted', status: 'contacted' },
      },
      { id: 'quiet', type: 'end', typeVersion: 1, position: at(5, 160), config: { outcome: 'quiet' } },
      { id: 'bad', type: 'end', typeVersion: 1, position: at(3, 160), config: { outcome: 'crm refused' } },
      { id: 'nobody', type: 'end', typeVersion: 1, position: at(2, 160), config: { outcome: 'nobody' } },
    ],
    edges: [
      { id: 'e1', source: 'capture', sourceHandle: 'out', target: 'assign' },
      { id: 'e2', source: 'assign', sourceHandle: 'assigned', target: 'crm' },
      { id: 'e3', source: 'assign', sourceHandle: 'unassigned', target: 'nobody' },
      { id: 'e4', source: 'crm', sourceHandle: 'ok', target: 'alert' },
      { id: 'e5', source: 'crm', sourceHandle: 'failed', target: 'bad' },
      { id: 'e6', source: 'alert', sourceHandle: 'out', target: 'await' },
      { id: 'e7', source: 'await', sourceHandle: 'event', target: 'done' },
      { id: 'e8', source: 'await', sourceHandle: 'timeout', target: 'quiet' },
    ],
  } as GraphDocument;
}

describe('trust: secrets in a store, payloads encrypted, erasure on request', () => {
  let stack: TestStack;
  let outside: Server;
  let outsideUrl: string;
  const received: Array<{ path: string; headers: IncomingHttpHeaders; body: string }> = [];
  let failCrmOnce = true;
  const ids = { bearer: '', webhook: '', slack: '' };
  let leadId = '';
  let runOutput = '';
  let viewer = '';

  const as = async (token: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, text, body: text ? JSON.parse(text) : null };
  };
  const firstPayload = (history: string): { metadata: Record<string, string>; data: string } => {
    const json = JSON.parse(history) as { events: Array<Record<string, any>> };
    return json.events[0]?.workflowExecutionStartedEventAttributes.input.payloads[0];
  };

  beforeAll(async () => {
    outside = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ path: request.url ?? '', headers: request.headers, body });
        // The CRM fails once, so an activity failure is logged and retried.
        if (request.url === '/crm' && failCrmOnce) {
          failCrmOnce = false;
          response.statusCode = 500;
        }
        response.setHeader('content-type', 'application/json');
        response.end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => outside.listen(0, '127.0.0.1', resolve));
    outsideUrl = `http://127.0.0.1:${(outside.address() as { port: number }).port}`;
    stack = await startTestStack();
    await stack.api('POST', '/api/teams', { id: 'trust', name: 'Trust' });
    await stack.api('POST', '/api/reps', { name: 'Ria', email: 'ria@trust.test', teamId: 'trust' });
    viewer = (await stack.api('POST', '/api/tokens', { name: 'ops', role: 'viewer' })).body.token;
  });
  afterAll(async () => {
    await stack?.stop();
    await new Promise((resolve) => outside?.close(resolve));
  });

  it('stores credentials sealed and never shows them; nodes name them and open them at run time', async () => {
    for (const [key, body] of [
      ['bearer', { name: 'CRM API key', kind: 'bearer', secret: { token: CANARY } }],
      [
        'webhook',
        {
          name: 'Ops webhook',
          kind: 'webhook',
          secret: { url: `${outsideUrl}/hook/${CANARY}`, signingSecret: SIGNING },
        },
      ],
      ['slack', { name: 'Slack #leads', kind: 'slack_webhook', secret: { url: `${outsideUrl}/slack/${CANARY}` } }],
    ] as const) {
      const created = await stack.api('POST', '/api/credentials', body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: body.name,
        kind: body.kind,
        fingerprint: expect.stringMatching(/^sha256:[0-9a-f]{12}$/),
        usedBy: [],
      });
      ids[key] = created.body.id;
    }
    const wrongKind = await stack.api('POST', '/api/credentials', {
      name: 'broken',
      kind: 'bearer',
      secret: { url: 'https://x' },
    });
    expect(wrongKind.status).toBe(422);
    expect(wrongKind.body.errors[0].path).toMatch(/^secret/);

    await stack.api('POST', '/api/workflows', {
      name: 'trust',
      slug: 'trust',
      draft: trustGraph(ids, outsideUrl),
      isDefault: true,
    });
    expect((await stack.api('POST', '/api/workflows/trust/publish', { note: 'v1' })).status).toBe(201);
    const { output } = await capturedOutput(async () => {
      leadId = (await stack.api('POST', '/api/leads', { email: EMAIL, name: NAME })).body.lead.id;
      await eventually(
        async () => (await stack.api('GET', `/api/leads/${leadId}`)).body.run.status === 'waiting' && true,
        'the lead to wait',
        90_000,
      );
    });
    runOutput = output;

    const crm = received.filter((request) => request.path === '/crm');
    expect(crm.at(-1)?.headers.authorization).toBe(`Bearer ${CANARY}`);
    const hook = received.find((request) => request.path === `/hook/${CANARY}`);
    expect(hook).toBeDefined();
    expect(verifySignature(String(hook?.headers['leadflow-signature']), hook?.body ?? '', [SIGNING])).toMatchObject({
      ok: true,
    });
    expect(received.some((request) => request.path === `/slack/${CANARY}`)).toBe(true);

    const listed = await stack.api('GET', '/api/credentials');
    expect(JSON.stringify(listed.body)).not.toContain(CANARY);
    expect(
      listed.body.credentials.every(
        (credential: { lastUsedAt: string | null; usedBy: string[] }) =>
          credential.lastUsedAt !== null && credential.usedBy.includes('trust'),
      ),
    ).toBe(true);
  });

  it('keeps the secret out of trails, API answers, the audit log, the database, Temporal and the logs; the lead out of Temporal', async () => {
    for (const [token, path] of [
      [stack.token, `/api/leads/${leadId}/history`],
      [viewer, `/api/leads/${leadId}/history`],
      [viewer, '/api/workflows/trust'],
      [viewer, '/api/workflows/trust/versions/1'],
      [stack.token, '/api/audit?limit=200'],
    ] as const) {
      const answer = await as(token, 'GET', path);
      expect(answer.status, path).toBe(200);
      expect(answer.text, path).not.toContain(CANARY);
    }
    expect(await databaseText(stack.db)).not.toContain(CANARY);
    const raw = temporalHistoryText(stack.temporalAddress, `lead-${leadId}`);
    expect(raw.length).toBeGreaterThan(1000);
    for (const secret of [CANARY, EMAIL, NAME]) expect(raw, secret).not.toContain(secret);
    expect(firstPayload(raw).metadata.encoding).toBe(Buffer.from('binary/encrypted').toString('base64'));
    // The in-process server and worker, including the logged failure of the first CRM call.
    expect(runOutput).toMatch(/Activity failed|answered 500/);
    expect(runOutput).not.toContain(CANARY);
  });

  it('decodes Temporal payloads through the codec endpoint for admins only', async () => {
    const payload = firstPayload(temporalHistoryText(stack.temporalAddress, `lead-${leadId}`));
    const decoded = await as(stack.token, 'POST', '/codec/decode', { payloads: [payload] });
    expect(decoded.status).toBe(200);
    expect(Buffer.from(decoded.body.payloads[0].data, 'base64').toString('utf8')).toContain(EMAIL);
    expect((await as(viewer, 'POST', '/codec/decode', { payloads: [payload] })).status).toBe(403);
  });

  it('refuses a graph naming a credential that is gone or of the wrong kind, and a credential still named cannot be deleted', async () => {
    const graph = trustGraph({ ...ids, bearer: ids.slack }, outsideUrl);
    const checked = (await stack.api('POST', '/api/workflows/trust/validate', graph)).body;
    expect(checked.errors).toEqual([
      expect.objectContaining({
        nodeId: 'crm',
        path: 'config.credential',
        field: "credential 'Slack #leads' is a slack_webhook; this needs http_header or bearer or basic_auth",
      }),
    ]);
    const gone = (
      await stack.api(
        'POST',
        '/api/workflows/trust/validate',
        trustGraph({ ...ids, bearer: '00000000-0000-4000-8000-000000000000' }, outsideUrl),
      )
    ).body;
    expect(gone.errors[0].field).toBe('the credential chosen here no longer exists; choose another');
    const inUse = await stack.api('DELETE', `/api/credentials/${ids.bearer}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.message).toContain("workflow 'trust' uses it");
    const before = (await stack.api('GET', `/api/credentials/${ids.bearer}`)).body.fingerprint;
    const replaced = await stack.api('PUT', `/api/credentials/${ids.bearer}/secret`, {
      secret: { token: `${CANARY}-2` },
    });
    expect(replaced.body.fingerprint).not.toBe(before);
    expect(JSON.stringify(replaced.body)).not.toContain(CANARY);
  });

  it('moves secrets written inline in older graphs into credentials, and seals webhook signing secrets', async () => {
    const inlineUrl = `https://hooks.slack.test/services/${CANARY}-inline`;
    const legacy = trustGraph(ids, outsideUrl);
    const alert = legacy.nodes.find((node) => node.id === 'alert') as { config: Record<string, unknown> };
    alert.config = { channels: ['slack'], to: 'owner', subject: 's', body: 'b', slackWebhookUrl: inlineUrl };
    await stack.api('POST', '/api/workflows', { name: 'legacy', slug: 'legacy', draft: legacy });
    expect((await stack.api('POST', '/api/workflows/legacy/publish', { note: 'inline' })).status).toBe(201);
    await stack.api('POST', '/api/webhook-sources', { name: 'Ads' });
    await stack.db.updateTable('webhook_sources').set({ secret: 'whsec_plain_from_before' }).execute();

    await secureStoredSecrets(stack.db, stack.security.keyring, nodeRegistry);
    expect(await tasksOf(stack).selectFrom('tasks').select('id').where('lead_id', '=', leadId).execute()).toEqual([]);
    const dump = await databaseText(stack.db);
    expect(dump).not.toContain(`${CANARY}-inline`);
    expect(dump).not.toContain('whsec_plain_from_before');
    const draft = (await stack.api('GET', '/api/workflows/legacy')).body.draft;
    const moved = draft.nodes.find((node: { id: string }) => node.id === 'alert').config;
    expect(moved).toEqual({
      channels: ['slack'],
      to: 'owner',
      subject: 's',
      body: 'b',
      slackCredential: expect.any(String),
    });
    const credential = (await stack.api('GET', `/api/credentials/${moved.slackCredential}`)).body;
    expect(credential).toMatchObject({ kind: 'slack_webhook', name: 'legacy · alert · Slack', usedBy: ['legacy'] });
    const plan = (await stack.api('GET', '/api/workflows/legacy/versions/1')).body.plan;
    expect(plan.nodes.alert.config.slackCredential).toBe(moved.slackCredential);
    // Nothing left to move: a second start changes nothing.
    const count = (await stack.api('GET', '/api/credentials')).body.credentials.length;
    await secureStoredSecrets(stack.db, stack.security.keyring, nodeRegistry);
    expect((await stack.api('GET', '/api/credentials')).body.credentials).toHaveLength(count);
  });

  it('rotates the keyring: every stored secret sealed again under the new key, all still open', async () => {
    const { keyring, resealed } = await rotateKeyring(stack.db, stack.security.keyring);
    expect(resealed).toBeGreaterThan(3);
    const sealed = await stack.db.selectFrom('credentials').select('sealed_secret').execute();
    expect(sealed.every((row) => row.sealed_secret.startsWith(`lf1:${keyring.current.id}:`))).toBe(true);
    expect(await new CredentialResolver(stack.db, keyring).resolve(ids.slack, ['slack_webhook'])).toMatchObject({
      secret: { url: `${outsideUrl}/slack/${CANARY}` },
    });
    const codec = new LeadflowPayloadCodec(keyring, new LeadKeys(stack.db, keyring));
    const payload = firstPayload(temporalHistoryText(stack.temporalAddress, `lead-${leadId}`));
    const [opened] = await codec.decode([
      {
        metadata: Object.fromEntries(Object.entries(payload.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
        data: Buffer.from(payload.data, 'base64'),
      },
    ]);
    expect(Buffer.from(opened?.data ?? []).toString('utf8')).toContain(EMAIL);
  });

  it('erases a lead on request: no trace of it in the database, its history no longer decodes, the metrics unchanged', async () => {
    const metrics = async () =>
      Promise.all(
        ['conversion', 'response-times', 'sources'].map(
          async (name) => (await stack.api('GET', `/api/metrics/${name}?from=2020-01-01&to=2099-12-31`)).body,
        ),
      );
    const before = await metrics();
    // What a node type keeps of the lead in its own table (the task node's tasks) must go too.
    await tasksOf(stack)
      .insertInto('tasks')
      .values({
        idempotency_key: `trust:${leadId}`,
        lead_id: leadId,
        rep_id: null,
        title: `Call ${NAME}`,
        due_at: new Date(),
      })
      .execute();
    expect((await stack.api('DELETE', `/api/leads/${leadId}`)).status).toBe(400);
    expect((await as(viewer, 'DELETE', `/api/leads/${leadId}?erase=true`)).status).toBe(403);
    const erased = await stack.api('DELETE', `/api/leads/${leadId}?erase=true`);
    expect(erased).toMatchObject({ status: 200, body: { id: leadId, erasedAt: expect.any(String) } });

    expect(await tasksOf(stack).selectFrom('tasks').select('id').where('lead_id', '=', leadId).execute()).toEqual([]);
    const dump = await databaseText(stack.db);
    for (const trace of [EMAIL, NAME, 'Canary']) expect(dump, trace).not.toContain(trace);
    const payload = firstPayload(temporalHistoryText(stack.temporalAddress, `lead-${leadId}`));
    const decoded = await as(stack.token, 'POST', '/codec/decode', { payloads: [payload] });
    expect(decoded.status).toBe(422);
    expect(decoded.body.message).toContain('erased');
    expect(await metrics()).toEqual(before);
    const audit = (await stack.api('GET', '/api/audit?action=lead.erased')).body.entries;
    expect(audit).toEqual([expect.objectContaining({ subjectId: leadId, actor: 'admin' })]);
    expect((await stack.api('GET', `/api/leads/${leadId}/state`)).status).toBe(404);
  });
});
