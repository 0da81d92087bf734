import { signatureHeader } from '@leadflow/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, waitingWorkflow } from './support/intake-fixtures.js';
import { eventually, startTestStack, type TestStack } from './support/test-stack.js';

describe('intake keeps every lead, as typed, and says what it changed', () => {
  let stack: TestStack;
  const leadCount = async (): Promise<number> =>
    Number(
      (
        await stack.db
          .selectFrom('leads')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const eventCount = async (): Promise<number> =>
    Number(
      (
        await stack.db
          .selectFrom('lead_events')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const capture = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    stack.api('POST', '/api/leads', body, headers);

  beforeAll(async () => {
    stack = await startTestStack();
    for (const [slug, config, isDefault] of [
      ['fill', {}, true],
      ['overwrite', { mergePolicy: 'overwrite' }, false],
      ['keep', { mergePolicy: 'keep' }, false],
    ] as const) {
      expect(
        (
          await stack.api('POST', '/api/workflows', {
            name: slug,
            slug,
            draft: waitingWorkflow(slug, { capture: config }),
            isDefault,
          })
        ).status,
      ).toBe(201);
      expect((await stack.api('POST', `/api/workflows/${slug}/publish`, { note: 'v1' })).status).toBe(201);
    }
  });
  afterAll(() => stack?.stop());

  describe('phone numbers', () => {
    it("reads a national number in the lead's own country (German, British)", async () => {
      const anna = await capture({ email: 'anna@firma.de', name: 'Anna Schmidt', phone: '030 1234567', country: 'DE' });
      expect(anna.status).toBe(201);
      expect(anna.body.lead).toMatchObject({
        phone: '+49301234567',
        phoneRaw: '030 1234567',
        phoneValid: true,
        country: 'DE',
      });
      const oliver = await capture({
        email: 'oliver@firm.co.uk',
        name: 'Oliver',
        phone: '020 7946 0958',
        country: 'GB',
      });
      expect(oliver.body.lead).toMatchObject({ phone: '+442079460958', phoneValid: true });
    });

    it("falls back to the caller's Accept-Language region, then keeps what it cannot read as typed", async () => {
      const byLocale = await capture(
        { email: 'jonas@beispiel.de', phone: '030 1234567' },
        { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' },
      );
      expect(byLocale.body.lead).toMatchObject({ phone: '+49301234567', phoneValid: true });

      const unreadable = await capture({ email: 'kim@example.org', phone: '12345' });
      expect(unreadable.status).toBe(201);
      expect(unreadable.body.lead).toMatchObject({ phone: null, phoneRaw: '12345', phoneValid: false });
      const stored = await stack.db
        .selectFrom('leads')
        .select(['phone', 'phone_raw', 'phone_valid'])
        .where('id', '=', unreadable.body.lead.id)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ phone: null, phone_raw: '12345', phone_valid: false });
    });

    it("reads a form's visitors' numbers in the form's country", async () => {
      const form = (await stack.api('POST', '/api/forms', { name: 'Kontakt', workflow: 'fill', defaultCountry: 'DE' }))
        .body;
      expect(form.defaultCountry).toBe('DE');
      const posted = await rawRequest(`${stack.baseUrl}${form.endpoint}`, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'email=lena%40firma.de&name=Lena&phone=030%201234567',
      });
      expect(posted.status).toBe(200);
      const lead = await stack.db
        .selectFrom('leads')
        .select(['phone', 'phone_valid'])
        .where('email', '=', 'lena@firma.de')
        .executeTakeFirstOrThrow();
      expect(lead).toEqual({ phone: '+49301234567', phone_valid: true });
    });
  });

  it('keeps the company as typed and the matching form apart', async () => {
    const created = await capture({ email: 'max@beispiel.de', company: 'Beispiel GmbH' });
    expect(created.body.lead).toMatchObject({ company: 'Beispiel GmbH', companyNormalized: 'beispiel' });
  });

  describe('a known person submitting again', () => {
    it('fills the fields the lead lacks (the default) and records what changed in the resubmitted event', async () => {
      const first = await capture({ email: 'pat@acme.com', name: 'Pat Lee' });
      const again = await capture({ email: 'pat@acme.com', name: 'Patricia Lee', company: 'Acme Corp', title: 'CTO' });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({
        duplicate: true,
        changes: { company: { from: null, to: 'Acme Corp' }, title: { from: null, to: 'CTO' } },
      });
      expect(again.body.changes.firstName).toBeUndefined();
      expect(again.body.lead).toMatchObject({
        id: first.body.lead.id,
        firstName: 'Pat',
        company: 'Acme Corp',
        title: 'CTO',
      });
      const history = (await stack.api('GET', `/api/leads/${first.body.lead.id}/history`)).body;
      expect(history.events).toEqual([
        expect.objectContaining({
          type: 'resubmitted',
          data: expect.objectContaining({
            changes: { company: { from: null, to: 'Acme Corp' }, title: { from: null, to: 'CTO' } },
          }),
        }),
      ]);
      // A later different company does not replace the filled one.
      const third = await capture({ email: 'pat@acme.com', company: 'Other Inc' });
      expect(third.body.lead.company).toBe('Acme Corp');
      expect(third.body.changes).toEqual({});
    });

    it('overwrites with what the submission gives, or keeps everything, as the capture node says', async () => {
      await capture({ workflow: 'overwrite', email: 'ola@globex.com', company: 'Globex' });
      const replaced = await capture({
        workflow: 'overwrite',
        email: 'ola@globex.com',
        company: 'Globex Corporation',
        custom: { plan: 'pro' },
      });
      expect(replaced.body.changes).toEqual({
        company: { from: 'Globex', to: 'Globex Corporation' },
        'custom.plan': { from: null, to: 'pro' },
      });
      expect(replaced.body.lead).toMatchObject({ company: 'Globex Corporation', custom: { plan: 'pro' } });

      await capture({ workflow: 'keep', email: 'kai@initech.com', company: 'Initech' });
      const kept = await capture({ workflow: 'keep', email: 'kai@initech.com', company: 'Initrode', title: 'VP' });
      expect(kept.body.changes).toEqual({});
      expect(kept.body.lead).toMatchObject({ company: 'Initech', title: null });
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the same capture and refuses the same key with another body, writing nothing', async () => {
      const body = { email: 'idem@acme.com', name: 'Idem Potent' };
      const first = await capture(body, { 'idempotency-key': 'cap-1' });
      expect(first.status).toBe(201);
      // Same fields in another order are the same request.
      const replay = await capture({ name: 'Idem Potent', email: 'idem@acme.com' }, { 'idempotency-key': 'cap-1' });
      expect(replay.body).toMatchObject({ replayed: true, lead: { id: first.body.lead.id } });
      const before = await leadCount();
      const other = await capture({ email: 'someone-else@acme.com' }, { 'idempotency-key': 'cap-1' });
      expect(other.status).toBe(422);
      expect(other.body).toMatchObject({
        code: 'IDEMPOTENCY_KEY_REUSED',
        errors: [{ path: 'headers.idempotency-key' }],
      });
      expect(other.body.message).toContain("'cap-1'");
      expect(await leadCount()).toBe(before);
    });

    it('replays a keyed resubmission once, without a second resubmitted event', async () => {
      await capture({ email: 'twice@acme.com' });
      const joined = await capture({ email: 'twice@acme.com', title: 'CEO' }, { 'idempotency-key': 'cap-2' });
      expect(joined.body.duplicate).toBe(true);
      const events = await eventCount();
      const retried = await capture({ email: 'twice@acme.com', title: 'CEO' }, { 'idempotency-key': 'cap-2' });
      expect(retried.body).toMatchObject({ replayed: true, lead: { id: joined.body.lead.id } });
      expect(await eventCount()).toBe(events);
      expect((await capture({ email: 'twice@acme.com', title: 'CFO' }, { 'idempotency-key': 'cap-2' })).status).toBe(
        422,
      );
    });

    it('does the same for posted events', async () => {
      const lead = (await capture({ email: 'evt@acme.com' })).body.lead;
      const post = (body: Record<string, unknown>) =>
        stack.api('POST', `/api/leads/${lead.id}/events`, body, { 'idempotency-key': 'evt-1' });
      const first = await post({ type: 'replied', data: { channel: 'email' } });
      expect(first.status).toBe(202);
      expect((await post({ type: 'replied', data: { channel: 'email' } })).body).toMatchObject({
        replayed: true,
        event: { id: first.body.event.id },
      });
      const events = await eventCount();
      const other = await post({ type: 'replied', data: { channel: 'phone' } });
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await eventCount()).toBe(events);
    });

    it('does the same for signed webhook deliveries', async () => {
      const source = (await stack.api('POST', '/api/webhook-sources', { name: 'Ads', workflow: 'fill' })).body;
      // Each delivery signed anew (a sender's retry carries a new timestamp), with the same key.
      let sent = 0;
      const deliver = (payload: Record<string, unknown>) => {
        const body = JSON.stringify(payload);
        const signature = signatureHeader(source.secret, body, Date.now() - 10_000 * sent++);
        return rawRequest(`${stack.baseUrl}${source.endpoint}`, {
          headers: { 'content-type': 'application/json', 'leadflow-signature': signature, 'idempotency-key': 'hook-1' },
          body,
        });
      };
      expect((await deliver({ email: 'hook@acme.com' })).status).toBe(201);
      expect((await deliver({ email: 'hook@acme.com' })).body).toMatchObject({ outcome: 'replayed' });
      const other = await deliver({ email: 'hook-other@acme.com' });
      expect(other.status).toBe(422);
      expect(
        await stack.db.selectFrom('leads').select('id').where('email', '=', 'hook-other@acme.com').executeTakeFirst(),
      ).toBeUndefined();
    });
  });

  describe('characters Postgres cannot store', () => {
    const NUL = '\u0000';

    it('refuses a NUL in any field of a capture with a 422 naming the field, and writes nothing', async () => {
      const before = await leadCount();
      for (const [body, path] of [
        [{ email: `a@b.com${NUL}` }, 'email'],
        [{ email: 'nul@b.com', name: `Ja${NUL}ne` }, 'name'],
        [{ email: 'nul@b.com', company: `Acme${NUL}` }, 'company'],
        [{ email: 'nul@b.com', custom: { plan: `pro${NUL}` } }, 'custom.plan'],
        [{ email: 'nul@b.com', utm: { source: `ads${NUL}` } }, 'utm.source'],
      ] as const) {
        const answer = await capture(body);
        expect(answer.status, path).toBe(422);
        expect(answer.body.errors, path).toEqual([
          expect.objectContaining({ path, message: expect.stringContaining('NUL') }),
        ]);
      }
      // Half a surrogate pair is as unstorable; JSON can carry one as an escape.
      const broken = await rawRequest(`${stack.baseUrl}/api/leads`, {
        headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
        body: '{"email":"half@b.com","name":"\\ud800"}',
      });
      expect(broken.status).toBe(422);
      expect(broken.body.errors[0].path).toBe('name');
      expect(await leadCount()).toBe(before);
    });

    it('refuses it in events, team records, query strings, form posts and webhook payloads too', async () => {
      const lead = (await capture({ email: 'target@acme.com' })).body.lead;
      const event = await stack.api('POST', `/api/leads/${lead.id}/events`, {
        type: 'replied',
        data: { note: `hi${NUL}` },
      });
      expect(event).toMatchObject({ status: 422, body: { errors: [{ path: 'data.note' }] } });
      const rep = await stack.api('POST', '/api/reps', { name: `Ann${NUL}`, email: 'ann@acme.com' });
      expect(rep).toMatchObject({ status: 422, body: { errors: [{ path: 'name' }] } });
      const search = await stack.api('GET', `/api/leads?q=${encodeURIComponent(`a${NUL}b`)}`);
      expect(search).toMatchObject({ status: 422, body: { errors: [{ path: 'query.q' }] } });

      const form = (await stack.api('POST', '/api/forms', { name: 'Plain', workflow: 'fill' })).body;
      const posted = await rawRequest(`${stack.baseUrl}${form.endpoint}`, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'email=f%40acme.com&company=A%00B',
      });
      expect(posted).toMatchObject({ status: 422, body: { errors: [{ path: 'company' }] } });

      const source = (await stack.api('POST', '/api/webhook-sources', { name: 'Hooks', workflow: 'fill' })).body;
      const body = JSON.stringify({ email: 'w@acme.com', name: `W${NUL}` });
      const hooked = await rawRequest(`${stack.baseUrl}${source.endpoint}`, {
        headers: { 'content-type': 'application/json', 'leadflow-signature': signatureHeader(source.secret, body) },
        body,
      });
      expect(hooked).toMatchObject({ status: 422, body: { errors: [{ path: 'name' }] } });
      for (const email of ['f@acme.com', 'w@acme.com'])
        expect(
          await stack.db.selectFrom('leads').select('id').where('email', '=', email).executeTakeFirst(),
        ).toBeUndefined();
    });

    it('refuses a CSV row with a NUL by row, field and column, and imports the rest', async () => {
      const csv = ['email,name,company', 'ok1@csv.com,One,A', `bad@csv.com,Tw${NUL}o,B`, 'ok3@csv.com,Three,C'].join(
        '\n',
      );
      const response = await fetch(`${stack.baseUrl}/api/imports?workflow=fill`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'text/csv' },
        body: csv,
      });
      expect(response.status).toBe(202);
      const { id } = (await response.json()) as { id: string };
      const done = await eventually(async () => {
        const row = (await stack.api('GET', `/api/imports/${id}`)).body;
        return row.status === 'completed' && row;
      }, 'the import to complete');
      expect(done.rows).toMatchObject({ created: 2, failed: 1 });
      expect((await stack.api('GET', `/api/imports/${id}/errors`)).body.errors).toEqual([
        { row: 3, field: 'name', column: 'name', message: expect.stringContaining('NUL') },
      ]);
    });
  });

  it('answers GET /api/leads/:id/state as documented: 200 while the run goes on, 404 NOT_RUNNING once it ended', async () => {
    const lead = (await capture({ email: 'state@acme.com' })).body.lead;
    const waiting = await eventually(async () => {
      const state = await stack.api('GET', `/api/leads/${lead.id}/state`);
      return state.status === 200 && state.body.status === 'waiting' && state;
    }, 'the lead to wait');
    expect(waiting.body.nodeId).toBe('await');
    await stack.api('POST', `/api/leads/${lead.id}/events`, { type: 'contacted' });
    await eventually(
      async () =>
        (await stack.db.selectFrom('leads').select('run_status').where('id', '=', lead.id).executeTakeFirstOrThrow())
          .run_status === 'completed',
      'the run to end',
    );
    const ended = await stack.api('GET', `/api/leads/${lead.id}/state`);
    expect(ended).toMatchObject({ status: 404, body: { code: 'NOT_RUNNING' } });
  });
});
