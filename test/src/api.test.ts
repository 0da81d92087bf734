import type { GraphDocument } from '@leadflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack, type TestStack } from './support/test-stack.js';

/** capture → wait for `contacted` → end `endId`: two versions that differ only in where they end. */
function waitThenEnd(endId: string): GraphDocument {
  return {
    name: 'pinning',
    nodes: [
      {
        id: 'capture',
        type: 'capture',
        typeVersion: 1,
        position: { x: 0, y: 0 },
        config: { channels: ['api'], requiredFields: ['email'], defaultCountry: 'US' },
      },
      {
        id: 'hold',
        type: 'wait',
        typeVersion: 1,
        position: { x: 200, y: 0 },
        config: { mode: 'event', events: ['contacted'] },
      },
      { id: endId, type: 'end', typeVersion: 1, position: { x: 400, y: 0 }, config: { outcome: endId, status: endId } },
    ],
    edges: [
      { id: 'a', source: 'capture', sourceHandle: 'out', target: 'hold' },
      { id: 'b', source: 'hold', sourceHandle: 'event', target: endId },
    ],
  };
}

describe('the HTTP API', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.stop());

  describe('access and health', () => {
    it('refuses /api without a valid bearer token', async () => {
      expect((await stack.api('GET', '/api/workflows', undefined, { authorization: '' })).status).toBe(401);
      const wrong = await stack.api('GET', '/api/workflows', undefined, { authorization: 'Bearer nope' });
      expect(wrong.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
    });
    it('reports Temporal and the database in /healthz, without a token', async () => {
      const health = await stack.api('GET', '/healthz', undefined, { authorization: '' });
      expect(health).toEqual({ status: 200, body: { status: 'ok', db: { ok: true }, temporal: { ok: true } } });
    });
    it('serves an OpenAPI document generated from the route schemas', async () => {
      const doc = await stack.api('GET', '/docs/json');
      expect(doc.body.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.body.paths)).toEqual(
        expect.arrayContaining([
          '/api/leads',
          '/api/workflows/{id}/publish',
          '/api/leads/{id}/history',
          '/api/node-types',
          '/api/reps',
        ]),
      );
      const capture = doc.body.paths['/api/leads'].post;
      expect(capture.requestBody.content['application/json'].schema.properties).toHaveProperty('email');
    });
  });

  describe('node catalog', () => {
    it('lists every node type with its config JSON Schema and ports', async () => {
      const { body } = await stack.api('GET', '/api/node-types');
      const types = body.nodeTypes.map((t: { type: string; version: number }) => `${t.type}@${t.version}`);
      expect(types).toEqual(
        expect.arrayContaining([
          'assign@1',
          'assign@2',
          'branch@1',
          'capture@1',
          'end@1',
          'enrich@1',
          'enrich@2',
          'notify@1',
          'score@1',
          'wait@1',
          'wait@2',
          'split@1',
          'update@1',
          'disqualify@1',
          'recycle@1',
          'task@1',
          'http@1',
        ]),
      );
      const assigns = body.nodeTypes.filter((t: { type: string }) => t.type === 'assign');
      expect(assigns.map((t: { version: number; latest: boolean }) => [t.version, t.latest])).toEqual([
        [1, false],
        [2, true],
      ]);
      const wait = body.nodeTypes.find((t: { type: string; version: number }) => t.type === 'wait' && t.version === 1);
      expect(wait).toMatchObject({
        kind: 'control',
        waits: true,
        dynamicPorts: true,
        ports: [{ name: 'event' }, { name: 'timeout' }],
      });
      expect(wait.configSchema.properties.mode.enum).toEqual(['duration', 'event']);
      const capture = body.nodeTypes.find((t: { type: string }) => t.type === 'capture');
      expect(capture).toMatchObject({ entry: true, kind: 'control' });
    });
  });

  describe('workflows', () => {
    it('saves an unfinished draft and lists what is still wrong, by node', async () => {
      const created = await stack.api('POST', '/api/workflows', { name: 'Draft work' });
      expect(created.status).toBe(201);
      expect(created.body.draft.nodes.map((n: { type: string }) => n.type)).toEqual(['capture']);
      const saved = await stack.api('PUT', `/api/workflows/${created.body.id}/draft`, {
        name: 'Draft work',
        nodes: [
          ...created.body.draft.nodes,
          {
            id: 'b',
            type: 'branch',
            typeVersion: 1,
            position: { x: 1, y: 1 },
            config: { cases: [{ port: 'hot', when: 'scroe > 5' }] },
          },
        ],
        edges: [{ id: 'e', source: 'capture', sourceHandle: 'out', target: 'b' }],
      });
      expect(saved.status).toBe(200);
      expect(saved.body.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            nodeId: 'b',
            path: 'config.cases[0].when',
            message: expect.stringContaining("unknown field 'scroe'"),
          }),
          expect.objectContaining({ nodeId: 'b', path: 'ports.default' }),
        ]),
      );
      const publish = await stack.api('POST', `/api/workflows/${created.body.id}/publish`, { note: 'try' });
      expect(publish.status).toBe(422);
      expect(publish.body.code).toBe('INVALID_GRAPH');
      expect(publish.body.message).toContain("Branch 'b', case 1, condition: unknown field 'scroe'");
      expect(publish.body.message).not.toMatch(/config\.|\[0\]/);
      expect((await stack.api('GET', `/api/workflows/${created.body.id}/versions`)).body.versions).toEqual([]);
    });

    it('creates a workflow from a server template whose draft compiles, and refuses an unknown template by name', async () => {
      const templates = await stack.api('GET', '/api/workflow-templates');
      expect(templates.body.templates.map((template: { id: string }) => template.id)).toEqual([
        'inbound-demo-sla',
        'territory-routing',
        'nurture-recycle',
        'event-follow-up',
      ]);
      const created = await stack.api('POST', '/api/workflows', { name: 'Demo SLA', template: 'inbound-demo-sla' });
      expect(created.status).toBe(201);
      expect(created.body.draft.name).toBe('Demo SLA');
      expect(created.body.draft.nodes.length).toBe(templates.body.templates[0].nodeCount);
      expect(created.body.draftHash).toMatch(/^[0-9a-f]{64}$/);
      expect(created.body.publishedHash).toBeNull();
      const published = await stack.api('POST', `/api/workflows/${created.body.id}/publish`, {
        note: 'from the template',
      });
      expect(published.status).toBe(201);
      expect((await stack.api('GET', `/api/workflows/${created.body.id}`)).body.publishedHash).toBe(
        created.body.draftHash,
      );
      const unknown = await stack.api('POST', '/api/workflows', { name: 'Nope', template: 'nope' });
      expect(unknown.status).toBe(422);
      expect(unknown.body.errors).toEqual([
        { path: 'template', message: "there is no template 'nope'; GET /api/workflow-templates lists them" },
      ]);
    });

    it('refuses a malformed draft with 400, naming the field', async () => {
      const created = await stack.api('POST', '/api/workflows', { name: 'Malformed' });
      const bad = await stack.api('PUT', `/api/workflows/${created.body.id}/draft`, {
        name: 'x',
        nodes: [{ id: 'n' }],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual(
        expect.arrayContaining([
          { path: 'edges', message: 'is required' },
          { path: 'nodes[0].type', message: 'is required' },
        ]),
      );
    });

    it('validates a graph without saving it', async () => {
      const created = await stack.api('POST', '/api/workflows', { name: 'Validate only' });
      const result = await stack.api('POST', `/api/workflows/${created.body.id}/validate`, waitThenEnd('fine'));
      expect(result.body).toMatchObject({ ok: true, hash: expect.stringMatching(/^[0-9a-f]{64}$/), errors: [] });
      // The designer paints port names and summaries from this, so the server's own description must come back.
      expect(result.body.nodes.hold).toEqual({
        ports: [{ name: 'event', label: 'Event arrived' }],
        summary: 'until contacted',
      });
      expect(result.body.nodes.capture.ports.map((p: { name: string }) => p.name)).toEqual(['out']);
    });

    it('pins leads in flight to their version while a new version is published', async () => {
      const created = await stack.api('POST', '/api/workflows', {
        name: 'Pinning',
        slug: 'pinning',
        draft: waitThenEnd('old_end'),
      });
      expect((await stack.api('POST', '/api/leads', { workflow: 'pinning', email: 'early@pin.test' })).status).toBe(
        409,
      );
      expect((await stack.api('POST', '/api/workflows/pinning/publish', { note: 'first' })).body).toMatchObject({
        version: 1,
      });
      const early = await stack.api('POST', '/api/leads', { workflow: 'pinning', email: 'early@pin.test' });
      expect(early.status).toBe(201);

      await stack.api('PUT', `/api/workflows/${created.body.id}/draft`, waitThenEnd('new_end'));
      expect((await stack.api('POST', '/api/workflows/pinning/publish', { note: 'second' })).body).toMatchObject({
        version: 2,
        note: 'second',
      });
      expect((await stack.api('POST', '/api/workflows/pinning/publish', { note: 'again' })).body.code).toBe(
        'UNCHANGED',
      );
      const late = await stack.api('POST', '/api/leads', { workflow: 'pinning', email: 'late@pin.test' });
      expect(late.body.lead.workflowVersion).toBe(2);

      for (const lead of [early.body.lead, late.body.lead]) {
        await eventually(
          async () => (await stack.api('GET', `/api/leads/${lead.id}`)).body.run.status === 'waiting',
          'lead waiting',
        );
        expect((await stack.api('POST', `/api/leads/${lead.id}/events`, { type: 'contacted' })).body.delivered).toBe(
          true,
        );
      }
      const finished = async (id: string) =>
        eventually(async () => {
          const { body } = await stack.api('GET', `/api/leads/${id}`);
          return body.run.status === 'completed' ? body : undefined;
        }, 'lead completed');
      expect((await finished(early.body.lead.id)).status).toBe('old_end');
      expect((await finished(late.body.lead.id)).status).toBe('new_end');

      const versions = await stack.api('GET', '/api/workflows/pinning/versions');
      expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
      const v1 = await stack.api('GET', '/api/workflows/pinning/versions/1');
      expect(v1.body.document.nodes.map((n: { id: string }) => n.id)).toContain('old_end');
      expect(v1.body.plan.hash).toBe(v1.body.hash);
    });
  });

  describe('capture', () => {
    it('refuses bad input cleanly and writes nothing', async () => {
      const count = async () =>
        Number(
          (
            await stack.db
              .selectFrom('leads')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      const unknownField = await stack.api('POST', '/api/leads', {
        workflow: 'pinning',
        email: 'a@b.test',
        favouriteColour: 'red',
      });
      expect(unknownField.status).toBe(400);
      expect(unknownField.body.errors).toEqual([{ path: 'favouriteColour', message: 'is not a known field' }]);
      const badEmail = await stack.api('POST', '/api/leads', { workflow: 'pinning', email: 'a@b', phone: '12' });
      expect(badEmail.status).toBe(422);
      // An unreadable phone never refuses a lead (it is kept as typed); only the email does here.
      expect(badEmail.body.errors).toEqual([{ path: 'email', message: "'a@b' is not a valid email address" }]);
      const wrongType = await stack.api('POST', '/api/leads', { workflow: 'pinning', email: 42 });
      expect(wrongType.status).toBe(400);
      expect(wrongType.body.errors[0].path).toBe('email');
      const response = await fetch(`${stack.baseUrl}/api/leads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
        body: '{"email":',
      });
      expect(response.status).toBe(400);
      expect((await stack.api('POST', '/api/leads', { workflow: 'no-such-flow', email: 'a@b.test' })).status).toBe(404);
      expect(await count()).toBe(before);
    });

    it('answers a retried request with the same Idempotency-Key with the first lead', async () => {
      const headers = { 'idempotency-key': 'form-123-submission-1' };
      const first = await stack.api('POST', '/api/leads', { workflow: 'pinning', email: 'idem@pin.test' }, headers);
      const second = await stack.api('POST', '/api/leads', { workflow: 'pinning', email: 'idem@pin.test' }, headers);
      expect(first.status).toBe(201);
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ replayed: true, lead: { id: first.body.lead.id } });
    });
  });

  describe('leads', () => {
    it('lists with filters and a cursor', async () => {
      const all = await stack.api('GET', '/api/leads?limit=2');
      expect(all.body.leads).toHaveLength(2);
      const next = await stack.api('GET', `/api/leads?limit=2&cursor=${all.body.nextCursor}`);
      expect(next.body.leads[0].id).not.toBe(all.body.leads[1].id);
      const ended = await stack.api('GET', '/api/leads?status=old_end');
      expect(ended.body.leads.map((l: { email: string }) => l.email)).toEqual(['early@pin.test']);
      const searched = await stack.api('GET', '/api/leads?q=late%40pin');
      expect(searched.body.leads).toHaveLength(1);
      expect((await stack.api('GET', '/api/leads?tier=9')).status).toBe(400);
      expect((await stack.api('GET', '/api/leads?cursor=garbage')).body.errors).toEqual([
        { path: 'query.cursor', message: 'is not a cursor this API returned' },
      ]);
    });

    it('refuses events for unknown leads and malformed status changes', async () => {
      expect(
        (await stack.api('POST', '/api/leads/00000000-0000-4000-8000-000000000000/events', { type: 'contacted' }))
          .status,
      ).toBe(404);
      const { body } = await stack.api('GET', '/api/leads?limit=1');
      const bad = await stack.api('POST', `/api/leads/${body.leads[0].id}/events`, { type: 'status_changed' });
      expect(bad.status).toBe(422);
      expect(bad.body.errors).toEqual([
        { path: 'data.status', message: 'a status_changed event needs data.status, e.g. "qualified"' },
      ]);
    });
  });

  describe('team model', () => {
    it('creates and updates reps with checked fields', async () => {
      expect((await stack.api('POST', '/api/teams', { id: 'emea', name: 'EMEA' })).status).toBe(201);
      const rep = await stack.api('POST', '/api/reps', {
        name: 'Ines',
        email: 'Ines@Example.com',
        teamId: 'emea',
        timezone: 'Europe/Lisbon',
      });
      expect(rep.body).toMatchObject({ email: 'ines@example.com', active: true, weight: 1 });
      expect(
        (await stack.api('POST', '/api/reps', { name: 'X', email: 'x@example.com', timezone: 'Mars/Olympus' })).body
          .errors,
      ).toEqual([{ path: 'timezone', message: "'Mars/Olympus' is not an IANA time zone (e.g. Europe/Berlin)" }]);
      expect(
        (await stack.api('POST', '/api/reps', { name: 'X', email: 'x@example.com', teamId: 'nope' })).body.errors[0]
          .path,
      ).toBe('teamId');
      expect((await stack.api('POST', '/api/reps', { name: 'Dup', email: 'ines@example.com' })).status).toBe(409);
      const updated = await stack.api('PATCH', `/api/reps/${rep.body.id}`, { active: false });
      expect(updated.body.active).toBe(false);
      expect((await stack.api('GET', '/api/reps?team=emea')).body.reps).toHaveLength(1);
    });
  });
});
