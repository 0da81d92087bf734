import { randomUUID } from 'node:crypto';
import { signatureHeader } from '@leadflow/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishRoutedWorkflow, rawRequest } from './support/intake-fixtures.js';
import { eventually, startTestStack, type TestStack } from './support/test-stack.js';

/**
 * Least privilege at the edges: what website code (a capture token), a public form and a signed
 * webhook may post, and that none of their answers tells whether an email is a lead or who owns it.
 */
describe('least privilege at the edges', () => {
  let stack: TestStack;
  let capture: string;
  let known: { id: string; ownerId: string; status: string };
  let form: { endpoint: string };
  let source: { endpoint: string; secret: string };

  const asCapture = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${capture}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  const typesOn = async (leadId: string) =>
    (
      await stack.db.selectFrom('lead_events').select('type').where('lead_id', '=', leadId).orderBy('seq').execute()
    ).map((e) => e.type);
  const eventCount = async () =>
    Number(
      (
        await stack.db
          .selectFrom('lead_events')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const signed = (path: string, payload: unknown) => {
    const body = JSON.stringify(payload);
    return rawRequest(`${stack.baseUrl}${path}`, {
      headers: { 'content-type': 'application/json', 'leadflow-signature': signatureHeader(source.secret, body) },
      body,
    });
  };

  beforeAll(async () => {
    stack = await startTestStack();
    await publishRoutedWorkflow(stack, 'routed', 'sales', ['Ann', 'Bo'], true);
    capture = (await stack.api('POST', '/api/tokens', { name: 'website', role: 'capture' })).body.token;
    form = (await stack.api('POST', '/api/forms', { name: 'Demo request', rateLimitPerMinute: 100 })).body;
    source = (await stack.api('POST', '/api/webhook-sources', { name: 'Ads' })).body;
    const id = (await stack.api('POST', '/api/leads', { email: 'known@buyer.io', name: 'Kim Known' })).body.lead
      .id as string;
    known = await eventually(async () => {
      const lead = (await stack.api('GET', `/api/leads/${id}`)).body;
      return lead.ownerId && lead.run.nodeId === 'await-demo'
        ? { id, ownerId: lead.ownerId as string, status: lead.status as string }
        : undefined;
    }, 'the known lead to be assigned and wait');
  });
  afterAll(() => stack?.stop());

  describe('a capture token posting to a lead', () => {
    it.each([
      ['contacted', {}, 'a rep outcome'],
      ['meeting_booked', {}, 'a rep outcome'],
      ['disqualified', { reason: 'no_budget' }, 'a rep outcome'],
      ['retry', {}, 'an operator action'],
      ['status_changed', { status: 'won' }, 'a status change'],
      ['replied', {}, 'not an intake or activity event'],
    ])('is refused %s with a 403 naming it, and nothing is recorded', async (type, data, what) => {
      const refused = await asCapture('POST', `/api/leads/${known.id}/events`, { type, data });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'FORBIDDEN', errors: [{ path: 'type' }] });
      expect(refused.body.message).toContain(`a capture token may not post '${type}' events: '${type}' is ${what}`);
      expect(await typesOn(known.id)).not.toContain(type);
      const lead = (await stack.api('GET', `/api/leads/${known.id}`)).body;
      expect(lead).toMatchObject({ status: known.status, ownerId: known.ownerId, run: { nodeId: 'await-demo' } });
    });

    it('may post intent activity, and custom types only once marked for intake', async () => {
      const visit = await asCapture('POST', `/api/leads/${known.id}/events`, {
        type: 'page_visited',
        data: { url: 'https://acme.test/pricing' },
      });
      expect(visit.status).toBe(202);
      expect(await typesOn(known.id)).toContain('page_visited');

      expect(
        (await stack.api('POST', '/api/event-types', { name: 'contract_signed', label: 'Contract signed' })).body,
      ).toMatchObject({
        intake: false,
      });
      const closed = await asCapture('POST', `/api/leads/${known.id}/events`, { type: 'contract_signed' });
      expect(closed.status).toBe(403);
      expect(closed.body.message).toContain("'contract_signed' is a custom type not open to intake");
      expect((await stack.api('POST', `/api/leads/${known.id}/events`, { type: 'contract_signed' })).status).toBe(202);

      expect(
        (
          await stack.api('POST', '/api/event-types', {
            name: 'webinar_attended',
            label: 'Webinar attended',
            intake: true,
          })
        ).status,
      ).toBe(201);
      expect((await asCapture('POST', `/api/leads/${known.id}/events`, { type: 'webinar_attended' })).status).toBe(202);
      const listed = (await stack.api('GET', '/api/event-types')).body.eventTypes as Array<{
        name: string;
        intake: boolean;
      }>;
      const intake = listed.filter((type) => type.intake).map((type) => type.name);
      expect(intake.sort()).toEqual([
        'content_downloaded',
        'demo_requested',
        'email_opened',
        'page_visited',
        'webinar_attended',
      ]);
    });

    it('cannot post outcomes through the activity routes either', async () => {
      const before = await eventCount();
      const viaActivity = await asCapture('POST', '/api/activity', { leadId: known.id, type: 'contacted' });
      expect(viaActivity.status).toBe(400);
      expect(viaActivity.body.errors[0].path).toBe('type');
      const viaWebhook = await signed(`${source.endpoint}/activity`, { email: 'known@buyer.io', type: 'disqualified' });
      expect(viaWebhook.status).toBe(400);
      expect(await eventCount()).toBe(before);
    });
  });

  describe('answers that never tell who is a lead', () => {
    it('POST /api/activity answers a capture token alike for known and unknown leads, recording only for the known', async () => {
      const before = await typesOn(known.id);
      const forKnown = await asCapture('POST', '/api/activity', {
        email: 'KNOWN@buyer.io',
        type: 'email_opened',
        campaign: 'spring',
      });
      const forUnknown = await asCapture('POST', '/api/activity', {
        email: 'stranger@nowhere.io',
        type: 'email_opened',
        campaign: 'spring',
      });
      const forUnknownId = await asCapture('POST', '/api/activity', {
        leadId: randomUUID(),
        type: 'email_opened',
        campaign: 'spring',
      });
      expect(forKnown).toEqual({ status: 202, body: { accepted: true } });
      expect(forUnknown).toEqual(forKnown);
      expect(forUnknownId).toEqual(forKnown);
      expect(await typesOn(known.id)).toEqual([...before, 'email_opened']);
      expect(
        await stack.db.selectFrom('leads').select('id').where('email_normalized', '=', 'stranger@nowhere.io').execute(),
      ).toEqual([]);

      // Admins and editors may read leads anyway: their answer stays informative.
      const admin = await stack.api('POST', '/api/activity', {
        email: 'stranger@nowhere.io',
        type: 'email_opened',
        campaign: 'spring',
      });
      expect(admin.status).toBe(404);
      const adminKnown = await stack.api('POST', '/api/activity', {
        email: 'known@buyer.io',
        type: 'email_opened',
        campaign: 'summer',
      });
      expect(adminKnown.body).toMatchObject({ accepted: true, leadId: known.id, event: { type: 'email_opened' } });
    });

    it('a signed webhook activity answers alike for a known and an unknown email', async () => {
      const forKnown = await signed(`${source.endpoint}/activity`, {
        email: 'known@buyer.io',
        type: 'content_downloaded',
        asset: 'guide.pdf',
      });
      const forUnknown = await signed(`${source.endpoint}/activity`, {
        email: 'nobody@nowhere.io',
        type: 'content_downloaded',
        asset: 'guide.pdf',
      });
      expect([forKnown.status, forKnown.body]).toEqual([202, { accepted: true }]);
      expect([forUnknown.status, forUnknown.body]).toEqual([202, { accepted: true }]);
      expect(await typesOn(known.id)).toContain('content_downloaded');
    });

    it('a public form answers a known email like a new one; ?wait=assignment names the rep only for a lead it created', async () => {
      const post = (email: string, query = '') =>
        rawRequest(`${stack.baseUrl}${form.endpoint}${query}`, {
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, name: 'Someone' }),
        });
      const plainNew = await post('plain-new@buyer.io');
      const plainKnown = await post('known@buyer.io');
      expect(plainKnown).toMatchObject({ status: plainNew.status, body: plainNew.body });

      const fresh = await post('fresh@buyer.io', '?wait=assignment');
      const rep = await stack.db
        .selectFrom('leads')
        .innerJoin('reps', 'reps.id', 'leads.owner_id')
        .select(['reps.id', 'reps.name', 'reps.email'])
        .where('email_normalized', '=', 'fresh@buyer.io')
        .executeTakeFirstOrThrow();
      expect(fresh.body).toEqual({ ok: true, message: expect.any(String), owner: rep, timedOut: false });

      const again = await post('known@buyer.io', '?wait=assignment');
      expect(again.status).toBe(fresh.status);
      expect(again.body).toEqual({ ok: true, message: fresh.body.message, owner: null, timedOut: false });
      // The lead is known and owned; the answer did not say so.
      expect((await stack.api('GET', `/api/leads/${known.id}`)).body.ownerId).toBe(known.ownerId);
      expect(await typesOn(known.id)).toContain('resubmitted');
    });

    it('POST /api/leads?wait=assignment names the rep to a capture token only for the lead it created', async () => {
      const created = await asCapture('POST', '/api/leads?wait=assignment', { email: 'capture-new@buyer.io' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        timedOut: false,
        owner: { id: created.body.lead.ownerId, name: expect.any(String) },
      });
      const duplicate = await asCapture('POST', '/api/leads?wait=assignment', { email: 'known@buyer.io' });
      expect(duplicate.body).toMatchObject({ duplicate: true, owner: null, timedOut: false });
      const asAdmin = await stack.api('POST', '/api/leads?wait=assignment', { email: 'known@buyer.io' });
      expect(asAdmin.body).toMatchObject({ duplicate: true, owner: { id: known.ownerId } });
    });
  });
});
