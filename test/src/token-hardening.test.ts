import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, type RawResponse } from './support/intake-fixtures.js';
import { startTestStack, type TestStack } from './support/test-stack.js';

/** Token expiry, and the per-address limit on refused tokens (10 a minute by default). */
describe('token hardening', () => {
  let stack: TestStack;

  /** GET /api/me with `token` (none: no header) from a loopback address of its own, i.e. another client IP. */
  const me = (from: string, token?: string): Promise<RawResponse> =>
    rawRequest(`${stack.baseUrl}/api/me`, {
      method: 'GET',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      localAddress: from,
    });
  const guess = () => `lf_admin_${randomBytes(24).toString('base64url')}`;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });
  afterAll(() => stack?.stop());

  describe('expiry', () => {
    it('issues a token with an expiry, lists it and audits it; refuses one in the past naming the field', async () => {
      const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
      const created = await stack.api('POST', '/api/tokens', { name: 'contractor', role: 'viewer', expiresAt });
      expect(created.status).toBe(201);
      expect(created.body.expiresAt).toBe(expiresAt);
      expect((await me('127.0.0.1', created.body.token)).status).toBe(200);
      const listed = (await stack.api('GET', '/api/tokens')).body.tokens.find(
        (t: { id: string }) => t.id === created.body.id,
      );
      expect(listed.expiresAt).toBe(expiresAt);
      const audit = (await stack.api('GET', `/api/audit?subjectType=token&subjectId=${created.body.id}`)).body.entries;
      expect(audit[0].detail).toMatchObject({ role: 'viewer', expiresAt });

      const past = await stack.api('POST', '/api/tokens', {
        name: 'late',
        role: 'viewer',
        expiresAt: new Date(Date.now() - 1000).toISOString(),
      });
      expect(past).toMatchObject({
        status: 422,
        body: { errors: [{ path: 'expiresAt', message: 'must be in the future' }] },
      });
      const forever = await stack.api('POST', '/api/tokens', { name: 'forever', role: 'viewer' });
      expect(forever.body.expiresAt).toBeNull();
    });

    it('refuses an expired token with a 401 that says so, and stops stamping its last use', async () => {
      const { id, token } = (
        await stack.api('POST', '/api/tokens', {
          name: 'short-lived',
          role: 'editor',
          expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        })
      ).body;
      expect((await me('127.0.0.1', token)).status).toBe(200);
      // Its hour has passed (set in the database: a test does not wait an hour).
      await sql`UPDATE api_tokens SET expires_at = now() - interval '1 second', last_used_at = NULL WHERE id = ${id}`.execute(
        stack.db,
      );
      const refused = await me('127.0.0.1', token);
      expect(refused.status).toBe(401);
      expect(refused.body.message).toMatch(
        /^token 'short-lived' expired at \d{4}-\d\d-\d\dT[\d:.]+Z; ask an admin for a new one$/,
      );
      const row = await stack.db
        .selectFrom('api_tokens')
        .select('last_used_at')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.last_used_at).toBeNull();
    });
  });

  describe('failed authentications per address', () => {
    it('refuses an address (429, Retry-After) after 10 refused tokens, a right one too; others and public routes go on', async () => {
      const from = '127.0.0.5';
      for (let i = 0; i < 10; i++) expect((await me(from, guess())).status, `guess ${i + 1}`).toBe(401);
      const locked = await me(from, guess());
      expect(locked.status).toBe(429);
      expect(locked.body).toMatchObject({ code: 'TOO_MANY_FAILED_AUTHENTICATIONS' });
      const retryAfter = Number(locked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(locked.body.message).toBe(`too many refused tokens from your address; retry in ${retryAfter} s`);
      // A right guess during the lockout looks like any other.
      expect((await me(from, stack.token)).status).toBe(429);
      expect((await me('127.0.0.1', stack.token)).status).toBe(200);
      expect((await rawRequest(`${stack.baseUrl}/healthz`, { method: 'GET', localAddress: from })).status).toBe(200);
    });

    it('counts only refused tokens: accepted requests and requests without a token do not count', async () => {
      const from = '127.0.0.6';
      for (let i = 0; i < 30; i++) expect((await me(from, stack.token)).status).toBe(200);
      for (let i = 0; i < 20; i++) expect((await me(from)).status).toBe(401);
      for (let i = 0; i < 9; i++) expect((await me(from, guess())).status).toBe(401);
      expect((await me(from, stack.token)).status).toBe(200);
      expect((await me(from, guess())).status).toBe(401);
      expect((await me(from, stack.token)).status).toBe(429);
    });
  });
});
