import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './support/test-stack.js';

/**
 * The OpenAPI document is the contract: what schemathesis found (`npm run test:contract`), each
 * pinned here on the real server so it cannot come back unnoticed between contract runs.
 */
describe('the API contract', () => {
  let stack: TestStack;
  let doc: any;

  beforeAll(async () => {
    // The designer is served, so its page route ('/*') is there to be kept out of the API.
    stack = await startTestStack({ worker: false, designer: true });
    doc = (await stack.api('GET', '/docs/json')).body;
  });
  afterAll(() => stack?.stop());

  const raw = async (method: string, path: string, body?: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${stack.token}`, ...headers },
      body,
    });
    const text = await response.text();
    return {
      status: response.status,
      allow: response.headers.get('allow'),
      type: response.headers.get('content-type'),
      body: text.startsWith('{') ? JSON.parse(text) : text,
    };
  };

  describe('the document', () => {
    const operations = (): Array<[string, string, any]> =>
      Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => [path, method, op] as [string, string, any]),
      );

    it("lists the API's routes only: not the designer's page route", () => {
      expect(Object.keys(doc.paths).filter((path) => path.includes('*'))).toEqual([]);
      expect(operations().length).toBeGreaterThan(80);
    });

    it('documents on every route the answers the shared plugins give', () => {
      const missing: string[] = [];
      for (const [path, method, op] of operations()) {
        const statuses = Object.keys(op.responses);
        const expected = [
          ...(op.security?.length === 0 ? [] : ['401', '403']),
          ...(op.parameters?.some((p: { in: string }) => p.in === 'path') ? ['404'] : []),
          ...(op.requestBody ? ['400', '413', '415', '422'] : []),
          ...(op.parameters?.length ? ['400', '422'] : []),
        ];
        for (const status of expected)
          if (!statuses.includes(status)) missing.push(`${method.toUpperCase()} ${path} ${status}`);
      }
      expect(missing).toEqual([]);
    });

    it('names every operation and links the routes that create ids to the routes that take them', () => {
      const ids = new Set(operations().map(([, , op]) => op.operationId));
      expect(ids.size).toBe(operations().length);
      const links = operations().flatMap(([, , op]) =>
        Object.values(op.responses).flatMap((response: any) => Object.values(response.links ?? {})),
      ) as Array<{ operationId: string }>;
      expect(links.length).toBeGreaterThan(40);
      expect(links.filter((link) => !ids.has(link.operationId))).toEqual([]);
      expect(doc.paths['/api/leads'].post.responses['201'].links.getApiLeadsIdHistory).toEqual({
        operationId: 'getApiLeadsIdHistory',
        parameters: { id: '$response.body#/lead/id' },
      });
      expect(
        doc.paths['/api/workflows/{id}/publish'].post.responses['201'].links.getApiWorkflowsIdVersionsVersion
          .parameters,
      ).toEqual({ id: '$response.body#/workflowId', version: '$response.body#/version' });
    });

    it('describes each event of a stream, and a body that may be left out as optional', () => {
      const events = doc.paths['/api/leads/stream'].get.responses['200'].content['text/event-stream'].schema.anyOf;
      expect(events.map((event: any) => event.properties.event.enum[0])).toEqual(['ready', 'leads']);
      expect(events[1].properties.data).toMatchObject({
        contentMediaType: 'application/json',
        contentSchema: { properties: { ids: expect.any(Object) } },
      });
      expect(doc.paths['/api/workflows/{id}/validate'].post.requestBody.required).toBe(false);
    });
  });

  describe('methods', () => {
    it('answers a method a path does not take with 405 and Allow, not 404', async () => {
      expect(await raw('PUT', '/api/tokens')).toMatchObject({
        status: 405,
        allow: 'GET, HEAD, POST',
        body: { code: 'METHOD_NOT_ALLOWED' },
      });
      expect(await raw('DELETE', '/api/reps')).toMatchObject({ status: 405, allow: 'GET, HEAD, POST' });
      // A fixed path is not read as the id of a parameter route under another method.
      expect(await raw('PATCH', '/api/reps/bulk', '{}', { 'content-type': 'application/json' })).toMatchObject({
        status: 405,
        allow: 'POST',
      });
      expect(await raw('GET', '/api/imports/mapping')).toMatchObject({ status: 405, allow: 'POST' });
      // The designer's page route serves pages, not API or intake paths.
      expect(await raw('GET', '/intake/forms/pk_nothing')).toMatchObject({ status: 405, allow: 'OPTIONS, POST' });
      expect(await raw('POST', '/workflows')).toMatchObject({ status: 405, allow: 'GET, HEAD' });
      // No method at all: still a 404, and the designer still serves its pages.
      expect((await raw('GET', '/api/no-such-thing')).status).toBe(404);
      for (const page of ['/workflows', '/intake', '/imports'])
        expect(await raw('GET', page), page).toMatchObject({ status: 200, type: expect.stringContaining('text/html') });
    });
  });

  describe('validation', () => {
    it('refuses what the schema does not allow with 400, before any database error', async () => {
      expect((await stack.api('GET', `/api/teams/${'t'.repeat(101)}`)).body).toMatchObject({
        statusCode: 400,
        errors: [{ path: 'params.id' }],
      });
      expect((await stack.api('GET', '/api/workflows/any/versions/38975631605399855104')).body).toMatchObject({
        statusCode: 400,
        errors: [{ path: 'params.version' }],
      });
      const rep = await stack.api('POST', '/api/reps', {
        name: 'Huge',
        email: 'huge@contract.test',
        capacity: 62012515145702146048,
      });
      expect(rep.body).toMatchObject({
        statusCode: 400,
        errors: expect.arrayContaining([{ path: 'capacity', message: 'must be <= 100000' }]),
      });
      const workflow = (await stack.api('POST', '/api/workflows', { name: 'Positions' })).body;
      const node = { id: 'capture', type: 'capture', typeVersion: 1, config: {} };
      const extraKey = await stack.api('PUT', `/api/workflows/${workflow.id}/draft`, {
        name: 'P',
        nodes: [{ ...node, position: { x: 1, y: 2, z: { deep: true } } }],
        edges: [],
      });
      expect(extraKey.body).toMatchObject({
        statusCode: 400,
        errors: [{ path: 'nodes[0].position.z', message: 'is not a known field' }],
      });
      const hugeVersion = await stack.api('PUT', `/api/workflows/${workflow.id}/draft`, {
        name: 'P',
        nodes: [{ ...node, typeVersion: 4.5e30, position: { x: 0, y: 0 } }],
        edges: [],
      });
      expect(hugeVersion.body).toMatchObject({ statusCode: 400, errors: [{ path: 'nodes[0].typeVersion' }] });
    });

    it('refuses unknown fields in every PATCH body (a partial schema keeps additionalProperties: false)', async () => {
      const rep = (await stack.api('POST', '/api/reps', { name: 'Pat', email: 'pat@contract.test' })).body;
      const account = (await stack.api('POST', '/api/accounts', { domain: 'contract.test', name: 'Contract' })).body;
      const team = (await stack.api('POST', '/api/teams', { id: 'contract', name: 'Contract' })).body;
      const form = (await stack.api('POST', '/api/forms', { name: 'Form' })).body;
      for (const path of [
        `/api/reps/${rep.id}`,
        `/api/accounts/${account.id}`,
        `/api/teams/${team.id}`,
        `/api/forms/${form.id}`,
      ]) {
        const patched = await stack.api('PATCH', path, { nmae: 'typo' });
        expect(patched.body, path).toMatchObject({
          statusCode: 400,
          errors: [{ path: 'nmae', message: 'is not a known field' }],
        });
      }
    });

    it('takes an empty PATCH as "change nothing" instead of failing with a 500', async () => {
      const team = (await stack.api('POST', '/api/teams', { id: 'unchanged', name: 'Unchanged' })).body;
      const account = (await stack.api('POST', '/api/accounts', { domain: 'unchanged.test', name: 'Unchanged' })).body;
      expect(await stack.api('PATCH', `/api/teams/${team.id}`, {})).toMatchObject({
        status: 200,
        body: { id: 'unchanged', name: 'Unchanged' },
      });
      expect(await stack.api('PATCH', `/api/accounts/${account.id}`, {})).toMatchObject({
        status: 200,
        body: { domain: 'unchanged.test', name: 'Unchanged' },
      });
      const audit = (await stack.api('GET', '/api/audit?subjectType=team&subjectId=unchanged')).body.entries;
      expect(audit.map((entry: { action: string }) => entry.action)).toEqual(['team.created']);
    });

    it('refuses a request the schema allows but a rule does not with 422 naming the field', async () => {
      const team = await stack.api('POST', '/api/teams', {
        id: 'ghosted',
        name: 'Ghosted',
        managerRepId: '00000000-0000-4000-8000-000000000000',
      });
      expect(team.body).toMatchObject({ statusCode: 422, code: 'INVALID_FIELD', errors: [{ path: 'managerRepId' }] });
      expect(
        (await stack.api('POST', '/api/reps', { name: `Nul\u0000`, email: 'nul@contract.test' })).body,
      ).toMatchObject({ statusCode: 422, errors: [{ path: 'name' }] });
      expect((await stack.api('GET', '/api/leads?cursor=not-ours')).body).toMatchObject({
        statusCode: 422,
        errors: [{ path: 'query.cursor' }],
      });
      // Valid JSON whose key could reach a prototype: refused by name (Fastify called it "not valid JSON", 400).
      const proto = await raw('POST', '/api/leads', '{"email":"p@contract.test","custom":{"__proto__":{"x":1}}}', {
        'content-type': 'application/json',
      });
      expect(proto.body).toMatchObject({ statusCode: 422, errors: [{ path: 'custom.__proto__' }] });
      expect(
        await stack.db.selectFrom('teams').select('id').where('id', '=', 'ghosted').executeTakeFirst(),
      ).toBeUndefined();
    });

    it('compiles the saved draft when validate gets no body, as its document says', async () => {
      const workflow = (await stack.api('POST', '/api/workflows', { name: 'Validated' })).body;
      const checked = await raw('POST', `/api/workflows/${workflow.id}/validate`);
      // The new draft is a lone capture node, whose port leads nowhere yet.
      expect(checked).toMatchObject({
        status: 200,
        body: { ok: false, errors: [{ nodeId: 'capture', path: 'ports.out' }] },
      });
    });
  });
});
