import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { routeAccessTable, slaEscalationWorkflow } from '@leadflow/server';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack, tasksOf, type TestStack } from './support/test-stack.js';

type Caller = 'none' | 'admin' | 'editor' | 'viewer' | 'rep' | 'capture';
const CALLERS: Caller[] = ['none', 'admin', 'editor', 'viewer', 'rep', 'capture'];

/**
 * Who may call what: Y allowed (any answer but 401/403), - refused. HEAD routes Fastify adds for
 * GET routes follow their GET row. A route missing here fails the test.
 */
// prettier-ignore
const MATRIX: Record<string, string> = {
  //                                               none admin editor viewer rep capture
  'GET /healthz':                                  'Y    Y     Y      Y      Y   Y',
  'GET /readyz':                                   'Y    Y     Y      Y      Y   Y',
  'GET /metrics':                                  'Y    Y     Y      Y      Y   Y',
  'GET /docs':                                     'Y    Y     Y      Y      Y   Y',
  'HEAD /docs/':                                   'Y    Y     Y      Y      Y   Y',
  'GET /docs/json':                                'Y    Y     Y      Y      Y   Y',
  'GET /docs/yaml':                                'Y    Y     Y      Y      Y   Y',
  'GET /docs/static/index.html':                   'Y    Y     Y      Y      Y   Y',
  'GET /docs/static/swagger-initializer.js':       'Y    Y     Y      Y      Y   Y',
  'GET /docs/static/*':                            'Y    Y     Y      Y      Y   Y',
  'GET /api/metrics/response-times':               '-    Y     Y      Y      -   -',
  'GET /api/metrics/sla':                          '-    Y     Y      Y      -   -',
  'GET /api/metrics/conversion':                   '-    Y     Y      Y      -   -',
  'GET /api/metrics/sources':                      '-    Y     Y      Y      -   -',
  'GET /api/metrics/disqualifications':            '-    Y     Y      Y      -   -',
  'GET /api/metrics/cohorts':                      '-    Y     Y      Y      -   -',
  'GET /api/metrics/stuck':                        '-    Y     Y      Y      -   -',
  'GET /api/forms':                                '-    Y     Y      -      -   -',
  'POST /api/forms':                               '-    Y     Y      -      -   -',
  'GET /api/forms/:id':                            '-    Y     Y      -      -   -',
  'PATCH /api/forms/:id':                          '-    Y     Y      -      -   -',
  'DELETE /api/forms/:id':                         '-    Y     Y      -      -   -',
  'GET /api/forms/:id/snippet':                    '-    Y     Y      -      -   -',
  'GET /api/webhook-sources':                      '-    Y     Y      -      -   -',
  'POST /api/webhook-sources':                     '-    Y     Y      -      -   -',
  'GET /api/webhook-sources/:id':                  '-    Y     Y      -      -   -',
  'PATCH /api/webhook-sources/:id':                '-    Y     Y      -      -   -',
  'POST /api/webhook-sources/:id/rotate':          '-    Y     Y      -      -   -',
  'DELETE /api/webhook-sources/:id':               '-    Y     Y      -      -   -',
  'POST /api/activity':                            '-    Y     Y      -      -   Y',
  'OPTIONS /intake/forms*':                        'Y    Y     Y      Y      Y   Y',
  'POST /intake/forms/:publicKey':                 'Y    Y     Y      Y      Y   Y',
  'POST /intake/webhooks/:sourceId':               'Y    Y     Y      Y      Y   Y',
  'POST /intake/webhooks/:sourceId/activity':      'Y    Y     Y      Y      Y   Y',
  'POST /api/imports':                             '-    Y     Y      -      -   -',
  'POST /api/imports/mapping':                     '-    Y     Y      -      -   -',
  'GET /api/imports':                              '-    Y     Y      Y      -   -',
  'GET /api/imports/:id':                          '-    Y     Y      Y      -   -',
  'GET /api/imports/:id/errors':                   '-    Y     Y      Y      -   -',
  'DELETE /api/imports/:id':                       '-    Y     Y      -      -   -',
  'GET /api/me':                                   '-    Y     Y      Y      Y   Y',
  'GET /api/node-types':                           '-    Y     Y      Y      -   -',
  'GET /api/workflows':                            '-    Y     Y      Y      -   -',
  'POST /api/workflows':                           '-    Y     Y      -      -   -',
  'GET /api/workflows/:id':                        '-    Y     Y      Y      -   -',
  'PUT /api/workflows/:id/draft':                  '-    Y     Y      -      -   -',
  'PATCH /api/workflows/:id':                      '-    Y     Y      -      -   -',
  'POST /api/workflows/:id/duplicate':             '-    Y     Y      -      -   -',
  'POST /api/workflows/:id/archive':               '-    Y     Y      -      -   -',
  'POST /api/workflows/:id/unarchive':             '-    Y     Y      -      -   -',
  'POST /api/workflows/:id/test-run':              '-    Y     Y      -      -   -',
  'POST /api/workflows/:id/validate':              '-    Y     Y      Y      -   -',
  'POST /api/workflows/:id/publish':               '-    Y     Y      -      -   -',
  'GET /api/workflows/:id/versions':               '-    Y     Y      Y      -   -',
  'GET /api/workflows/:id/versions/:version':      '-    Y     Y      Y      -   -',
  'POST /api/leads':                               '-    Y     -      -      -   Y',
  'GET /api/leads':                                '-    Y     Y      Y      Y   -',
  'GET /api/leads/stream':                         '-    Y     Y      Y      Y   -',
  'GET /api/lead-outcomes':                        '-    Y     Y      Y      Y   -',
  'GET /api/leads/:id':                            '-    Y     Y      Y      Y   -',
  'GET /api/leads/:id/history':                    '-    Y     Y      Y      Y   -',
  'GET /api/leads/:id/state':                      '-    Y     Y      Y      Y   -',
  'POST /api/leads/:id/events':                    '-    Y     -      -      Y   Y',
  'GET /api/team-model/schemas':                   '-    Y     Y      Y      -   -',
  'GET /api/reps':                                 '-    Y     Y      Y      -   -',
  'GET /api/reps/:id':                             '-    Y     Y      Y      -   -',
  'POST /api/reps':                                '-    Y     Y      -      -   -',
  'PATCH /api/reps/:id':                           '-    Y     Y      -      -   -',
  'DELETE /api/reps/:id':                          '-    Y     Y      -      -   -',
  'POST /api/reps/bulk':                           '-    Y     Y      -      -   -',
  'GET /api/teams':                                '-    Y     Y      Y      -   -',
  'GET /api/teams/:id':                            '-    Y     Y      Y      -   -',
  'POST /api/teams':                               '-    Y     Y      -      -   -',
  'PATCH /api/teams/:id':                          '-    Y     Y      -      -   -',
  'DELETE /api/teams/:id':                         '-    Y     Y      -      -   -',
  'POST /api/teams/bulk':                          '-    Y     Y      -      -   -',
  'GET /api/accounts':                             '-    Y     Y      Y      -   -',
  'GET /api/accounts/:id':                         '-    Y     Y      Y      -   -',
  'POST /api/accounts':                            '-    Y     Y      -      -   -',
  'PATCH /api/accounts/:id':                       '-    Y     Y      -      -   -',
  'DELETE /api/accounts/:id':                      '-    Y     Y      -      -   -',
  'POST /api/accounts/bulk':                       '-    Y     Y      -      -   -',
  'GET /api/territories':                          '-    Y     Y      Y      -   -',
  'GET /api/territories/:id':                      '-    Y     Y      Y      -   -',
  'POST /api/territories':                         '-    Y     Y      -      -   -',
  'PATCH /api/territories/:id':                    '-    Y     Y      -      -   -',
  'DELETE /api/territories/:id':                   '-    Y     Y      -      -   -',
  'POST /api/territories/bulk':                    '-    Y     Y      -      -   -',
  'GET /api/tasks':                                '-    Y     Y      Y      Y   -',
  'POST /api/tasks/:id/complete':                  '-    Y     -      -      Y   -',
  'GET /api/reps/:id/inbox':                       '-    Y     -      -      Y   -',
  'POST /api/reps/:id/inbox/:notificationId/read': '-    Y     -      -      Y   -',
  'GET /api/reps/:id/inbox/stream':                '-    Y     -      -      Y   -',
  'POST /api/tokens':                              '-    Y     -      -      -   -',
  'GET /api/tokens':                               '-    Y     -      -      -   -',
  'DELETE /api/tokens/:id':                        '-    Y     -      -      -   -',
  'GET /api/audit':                                '-    Y     Y      -      -   -',
  'POST /api/workflows/:id/migrations':            '-    Y     Y      -      -   -',
  'GET /api/workflow-templates':                   '-    Y     Y      Y      -   -',
  'DELETE /api/leads/:id':                         '-    Y     -      -      -   -',
  'GET /api/credentials':                          '-    Y     Y      -      -   -',
  'GET /api/credentials/:id':                      '-    Y     Y      -      -   -',
  'POST /api/credentials':                         '-    Y     Y      -      -   -',
  'PUT /api/credentials/:id/secret':               '-    Y     Y      -      -   -',
  'PATCH /api/credentials/:id':                    '-    Y     Y      -      -   -',
  'DELETE /api/credentials/:id':                   '-    Y     Y      -      -   -',
  'GET /api/credential-kinds':                     '-    Y     Y      -      -   -',
  'OPTIONS /codec/*':                              'Y    Y     Y      Y      Y   Y',
  'POST /codec/decode':                            '-    Y     -      -      -   -',
  'POST /codec/encode':                            '-    Y     -      -      -   -',
  'GET /api/event-types':                          '-    Y     Y      Y      Y   Y',
  'GET /api/event-types/:name':                    '-    Y     Y      Y      Y   Y',
  'POST /api/event-types':                         '-    Y     Y      -      -   -',
  'PATCH /api/event-types/:name':                  '-    Y     Y      -      -   -',
  'DELETE /api/event-types/:name':                 '-    Y     Y      -      -   -',
};

const expectedRow = (route: string): Caller[] | undefined => {
  const row = MATRIX[route] ?? (route.startsWith('HEAD ') ? MATRIX[`GET ${route.slice(5)}`] : undefined);
  return row?.split(/\s+/).flatMap((mark, i) => (mark === 'Y' ? [CALLERS[i] as Caller] : []));
};

/** A path that reaches the route: a fresh id for every parameter, a file name for a wildcard. */
const concrete = (url: string): string =>
  url
    .replace(/:version\b/, '1')
    .replace(/:[A-Za-z]+/g, () => randomUUID())
    .replace(/\*$/, 'nothing-here.txt');

describe('access control', () => {
  let stack: TestStack;
  const tokens: Partial<Record<Caller, string>> = {};
  const reps: Record<'ann' | 'bo', string> = { ann: '', bo: '' };

  /** A call as `who` (a role from `tokens`, a literal token, or nobody). */
  async function call(
    who: Caller | { token: string },
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: any }> {
    const token = typeof who === 'object' ? who.token : who === 'none' ? undefined : (tokens[who] as string);
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method,
      headers: {
        ...(token && { authorization: `Bearer ${token}` }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = response.headers.get('content-type')?.includes('json')
      ? await response.text()
      : (await response.body?.cancel(), '');
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  beforeAll(async () => {
    stack = await startTestStack();
    tokens.admin = stack.token;
    await stack.api('POST', '/api/teams', { id: 'reps', name: 'Reps' });
    reps.ann = (
      await stack.api('POST', '/api/reps', { name: 'Ann', email: 'ann@access.test', teamId: 'reps' })
    ).body.id;
    reps.bo = (await stack.api('POST', '/api/reps', { name: 'Bo', email: 'bo@access.test', teamId: 'reps' })).body.id;
    for (const role of ['editor', 'viewer', 'rep', 'capture'] as const) {
      const created = await stack.api('POST', '/api/tokens', {
        name: `${role} token`,
        role,
        ...(role === 'rep' && { repId: reps.ann }),
      });
      expect(created.status).toBe(201);
      tokens[role] = created.body.token;
    }
  });
  afterAll(() => stack?.stop());

  it('allows and refuses exactly what the role matrix says, on every route the app registers', async () => {
    const routes = routeAccessTable(stack.app).map((r) => `${r.method} ${r.url}`);
    const unlisted = routes.filter((route) => !expectedRow(route));
    expect.soft(unlisted, 'routes the matrix does not list').toEqual([]);
    expect
      .soft(
        Object.keys(MATRIX).filter((route) => !routes.includes(route)),
        'matrix rows for routes that do not exist',
      )
      .toEqual([]);

    const mismatches: string[] = [];
    for (const route of routes.filter((r) => !unlisted.includes(r))) {
      const [method, url] = route.split(' ') as [string, string];
      const allowed = expectedRow(route) as Caller[];
      for (const who of CALLERS) {
        const body = ['POST', 'PUT', 'PATCH'].includes(method) ? {} : undefined;
        const { status } = await call(who, method, concrete(url), body);
        const expected = allowed.includes(who) ? 'allowed' : who === 'none' ? 401 : 403;
        const got = status === 401 || status === 403 ? status : 'allowed';
        if (got !== expected) mismatches.push(`${route} as ${who}: expected ${expected}, got ${status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses with 403 naming the role and the roles the route needs; unknown /api paths need a token, then 404', async () => {
    const refused = await call('viewer', 'POST', '/api/workflows', { name: 'nope' });
    expect(refused.body).toMatchObject({
      statusCode: 403,
      code: 'FORBIDDEN',
      message: 'a viewer token may not call POST /api/workflows: that needs the role admin or editor',
    });
    expect((await call('none', 'GET', '/api/no-such-thing')).status).toBe(401);
    expect((await call('capture', 'GET', '/api/no-such-thing')).status).toBe(404);
  });

  it('states who may call each route in the OpenAPI document', async () => {
    const doc = await call('none', 'GET', '/docs/json');
    expect(doc.body.paths['/api/workflows/{id}/publish'].post.description).toContain('Roles: admin, editor.');
    expect(doc.body.paths['/healthz'].get.security).toEqual([]);
  });

  describe('token lifecycle', () => {
    it('issues a token once in plaintext, keeps only its sha-256, signs in with it and refuses it from the moment it is revoked', async () => {
      const created = await call('admin', 'POST', '/api/tokens', { name: 'Dana (RevOps)', role: 'editor' });
      expect(created.status).toBe(201);
      const { token, id, prefix } = created.body;
      expect(token).toMatch(/^lf_editor_[A-Za-z0-9_-]{32}$/);
      expect(token.startsWith(prefix)).toBe(true);

      const row = await stack.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.token_hash.equals(createHash('sha256').update(token).digest())).toBe(true);
      const stored = await sql<{ row: string }>`SELECT row_to_json(t)::text AS row FROM api_tokens t`.execute(stack.db);
      expect(stored.rows.some((r) => r.row.includes(token.slice(prefix.length)))).toBe(false);

      expect(await call({ token }, 'GET', '/api/me')).toEqual({
        status: 200,
        body: { tokenId: id, name: 'Dana (RevOps)', role: 'editor', repId: null },
      });
      expect(await call('admin', 'GET', '/api/me')).toEqual({
        status: 200,
        body: { tokenId: null, name: 'admin', role: 'admin', repId: null },
      });
      const listed = (await call('admin', 'GET', '/api/tokens')).body.tokens.find((t: { id: string }) => t.id === id);
      const keys = [
        'createdAt',
        'createdBy',
        'expiresAt',
        'id',
        'lastUsedAt',
        'name',
        'prefix',
        'repId',
        'revokedAt',
        'role',
      ];
      expect(Object.keys(listed).sort()).toEqual(keys);
      expect(listed).toMatchObject({
        name: 'Dana (RevOps)',
        role: 'editor',
        prefix,
        createdBy: 'admin',
        revokedAt: null,
        expiresAt: null,
      });
      expect(listed.lastUsedAt).toEqual(expect.any(String));

      const revoked = await call('admin', 'DELETE', `/api/tokens/${id}`);
      expect(revoked.status).toBe(200);
      expect(revoked.body.revokedAt).toEqual(expect.any(String));
      const refused = await call({ token }, 'GET', '/api/me');
      expect(refused).toMatchObject({
        status: 401,
        body: { code: 'UNAUTHORIZED', message: expect.stringContaining('revoked') },
      });
      expect((await call('admin', 'DELETE', `/api/tokens/${id}`)).body.revokedAt).toBe(revoked.body.revokedAt);
      const audit = await call('admin', 'GET', `/api/audit?subjectType=token&subjectId=${id}`);
      expect(audit.body.entries.map((e: { action: string; actor: string }) => `${e.action} by ${e.actor}`)).toEqual([
        'token.revoked by admin',
        'token.created by admin',
      ]);
    });

    it('refuses tokens it never issued, and a rep binding on the wrong role', async () => {
      expect(
        (await call({ token: `lf_admin_${randomBytes(24).toString('base64url')}` }, 'GET', '/api/me')).status,
      ).toBe(401);
      expect((await call({ token: 'garbage' }, 'GET', '/api/me')).status).toBe(401);
      const cases: Array<[unknown, string]> = [
        [{ name: 'r', role: 'rep' }, 'repId'],
        [{ name: 'v', role: 'viewer', repId: reps.ann }, 'repId'],
        [{ name: 'r', role: 'rep', repId: randomUUID() }, 'repId'],
        [{ name: 'x', role: 'owner' }, 'role'],
      ];
      for (const [body, field] of cases) {
        const refused = await call('admin', 'POST', '/api/tokens', body);
        // A role that is not one is against the schema (400); a repId the role does not take, or no such rep, is refused by a rule (422).
        expect(refused.status, JSON.stringify(body)).toBe(field === 'role' ? 400 : 422);
        expect(refused.body.errors[0].path).toBe(field);
      }
      expect((await call('admin', 'DELETE', `/api/tokens/${randomUUID()}`)).status).toBe(404);
    });

    it('stamps last_used_at at most once a minute per token', async () => {
      const { id, token } = (await call('admin', 'POST', '/api/tokens', { name: 'stamp', role: 'viewer' })).body;
      const stampedAt = async (): Promise<Date | null> =>
        (await stack.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', id).executeTakeFirstOrThrow())
          .last_used_at;
      const setStamp = (secondsAgo: number) =>
        sql`UPDATE api_tokens SET last_used_at = now() - make_interval(secs => ${secondsAgo}) WHERE id = ${id}`.execute(
          stack.db,
        );

      await setStamp(30);
      const recent = await stampedAt();
      await call({ token }, 'GET', '/api/me');
      expect(await stampedAt()).toEqual(recent);

      await setStamp(120);
      const old = (await stampedAt()) as Date;
      await call({ token }, 'GET', '/api/me');
      expect(((await stampedAt()) as Date).getTime()).toBeGreaterThan(old.getTime());
    });
  });

  describe('audit log', () => {
    it('records who published which version (the author is the token name) in the same transaction as the version', async () => {
      const editor = { token: tokens.editor as string };
      const created = await call(editor, 'POST', '/api/workflows', {
        name: 'Audited',
        slug: 'audited',
        draft: slaEscalationWorkflow('reps', '1h'),
      });
      expect(created.status).toBe(201);
      const published = await call(editor, 'POST', '/api/workflows/audited/publish', { note: 'first' });
      expect(published.body).toMatchObject({ version: 1, author: 'editor token' });
      expect((await call(editor, 'POST', '/api/workflows/audited/publish', { note: 'again' })).status).toBe(409);
      const renamed = await call(editor, 'PUT', '/api/workflows/audited/draft', {
        ...slaEscalationWorkflow('reps', '1h'),
        name: 'Audited, renamed',
      });
      expect(renamed.status).toBe(200);

      const { body } = await call(editor, 'GET', `/api/audit?subjectType=workflow&subjectId=${created.body.id}`);
      const editorTokenId = (await call(editor, 'GET', '/api/me')).body.tokenId;
      expect(body.entries.map((e: { action: string }) => e.action)).toEqual([
        'workflow.renamed',
        'workflow.published',
        'workflow.created',
      ]);
      expect(body.entries[1]).toMatchObject({
        actor: 'editor token',
        actorTokenId: editorTokenId,
        subjectType: 'workflow',
        detail: { slug: 'audited', version: 1, hash: published.body.hash, note: 'first' },
      });
      expect(body.entries[0].detail).toEqual({ slug: 'audited', from: 'Audited', to: 'Audited, renamed' });
    });

    it('records which fields of which rep changed, and who changed them; pages newest first', async () => {
      const editor = { token: tokens.editor as string };
      const since = new Date().toISOString();
      expect(
        (await call(editor, 'PATCH', `/api/reps/${reps.bo}`, { capacity: 12, skills: ['enterprise'] })).status,
      ).toBe(200);
      expect((await call(editor, 'PATCH', `/api/reps/${reps.bo}`, { capacity: 12 })).status).toBe(200);
      expect((await call(editor, 'PATCH', `/api/reps/${reps.bo}`, { timezone: 'Europe/Berlin' })).status).toBe(200);

      const first = await call(
        editor,
        'GET',
        `/api/audit?subjectType=rep&subjectId=${reps.bo}&since=${encodeURIComponent(since)}&limit=1`,
      );
      expect(first.body.entries).toEqual([
        expect.objectContaining({
          action: 'rep.updated',
          actor: 'editor token',
          detail: { changes: { timezone: { from: 'UTC', to: 'Europe/Berlin' } } },
        }),
      ]);
      const second = await call(
        editor,
        'GET',
        `/api/audit?subjectType=rep&subjectId=${reps.bo}&since=${encodeURIComponent(since)}&cursor=${first.body.nextCursor}`,
      );
      expect(second.body).toEqual({
        entries: [
          expect.objectContaining({
            action: 'rep.updated',
            detail: { changes: { capacity: { from: null, to: 12 }, skills: { from: [], to: ['enterprise'] } } },
          }),
        ],
        nextCursor: null,
      });
      const setup = await call('admin', 'GET', '/api/audit?actor=admin&subjectType=rep');
      expect(setup.body.entries.map((e: { action: string; subjectId: string }) => [e.action, e.subjectId])).toEqual([
        ['rep.created', reps.bo],
        ['rep.created', reps.ann],
      ]);
    });
  });

  describe('a rep token', () => {
    const leads: Record<'ann' | 'bo', string> = { ann: '', bo: '' };
    const ann = { token: '' };

    beforeAll(async () => {
      ann.token = tokens.rep as string;
      await call('admin', 'POST', '/api/workflows', {
        name: 'Round robin',
        slug: 'round-robin',
        draft: slaEscalationWorkflow('reps', '1h'),
        isDefault: true,
      });
      expect((await call('admin', 'POST', '/api/workflows/round-robin/publish', { note: 'v1' })).status).toBe(201);
      const ids: string[] = [];
      for (const i of [1, 2])
        ids.push(
          (await call('capture', 'POST', '/api/leads', { email: `lead${i}@bigco.test`, name: `Lead ${i}` })).body.lead
            .id as string,
        );
      const owners = await eventually(async () => {
        const rows = await stack.db.selectFrom('leads').select(['id', 'owner_id']).where('id', 'in', ids).execute();
        return rows.every((row) => row.owner_id) && rows;
      }, 'both leads assigned');
      leads.ann = owners.find((row) => row.owner_id === reps.ann)?.id as string;
      leads.bo = owners.find((row) => row.owner_id === reps.bo)?.id as string;
      expect(leads.ann && leads.bo, 'round robin gave each rep one lead').toBeTruthy();
    });

    it("lists, reads and follows only its own rep's leads; to it, others do not exist", async () => {
      expect((await call(ann, 'GET', '/api/leads')).body.leads.map((l: { id: string }) => l.id)).toEqual([leads.ann]);
      expect((await call(ann, 'GET', `/api/leads?owner=${reps.bo}`)).body.leads).toEqual([]);
      expect((await call('viewer', 'GET', '/api/leads')).body.leads).toHaveLength(2);
      for (const path of ['', '/history', '/state']) {
        expect((await call(ann, 'GET', `/api/leads/${leads.bo}${path}`)).status, path).toBe(404);
      }
      expect((await call(ann, 'GET', `/api/leads/${leads.ann}/history`)).body.lead.id).toBe(leads.ann);
    });

    it("posts events on its own leads only; another rep's lead takes nothing", async () => {
      expect((await call(ann, 'POST', `/api/leads/${leads.bo}/events`, { type: 'contacted' })).status).toBe(404);
      const events = await stack.db.selectFrom('lead_events').select('type').where('lead_id', '=', leads.bo).execute();
      expect(events.map((e) => e.type)).not.toContain('contacted');

      const own = await call(ann, 'POST', `/api/leads/${leads.ann}/events`, { type: 'contacted' });
      expect(own).toMatchObject({ status: 202, body: { delivered: true } });
      await eventually(
        async () => (await call(ann, 'GET', `/api/leads/${leads.ann}`)).body.status === 'contacted',
        'own lead contacted',
      );
    });

    it('opens its own inbox and tasks only', async () => {
      const inbox = await eventually(async () => {
        const { body } = await call(ann, 'GET', `/api/reps/${reps.ann}/inbox`);
        return body.notifications.length > 0 && body.notifications;
      }, "Ann's inbox notification");
      expect(inbox[0].leadId).toBe(leads.ann);
      expect((await call(ann, 'GET', `/api/reps/${reps.bo}/inbox`)).status).toBe(404);
      const boNote = await eventually(
        () =>
          stack.db
            .selectFrom('notifications')
            .select('id')
            .where('rep_id', '=', reps.bo)
            .where('channel', '=', 'inbox')
            .executeTakeFirst(),
        "Bo's inbox notification",
      );
      expect((await call(ann, 'POST', `/api/reps/${reps.bo}/inbox/${boNote.id}/read`)).status).toBe(404);
      expect((await call(ann, 'GET', `/api/reps/${reps.bo}/inbox/stream`)).status).toBe(404);

      const task = await tasksOf(stack)
        .insertInto('tasks')
        .values({
          idempotency_key: `access:${randomUUID()}`,
          lead_id: leads.bo,
          rep_id: reps.bo,
          title: "Call Bo's lead",
          due_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect((await call(ann, 'GET', `/api/tasks?rep=${reps.bo}`)).body.tasks).toEqual([]);
      expect(
        (await call('viewer', 'GET', `/api/tasks?rep=${reps.bo}`)).body.tasks.map((t: { id: string }) => t.id),
      ).toEqual([task.id]);
      expect((await call(ann, 'POST', `/api/tasks/${task.id}/complete`)).status).toBe(404);
      const row = await tasksOf(stack)
        .selectFrom('tasks')
        .select('status')
        .where('id', '=', task.id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('open');
    });
  });
});
