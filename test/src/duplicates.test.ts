import type { GraphDocument } from '@leadflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack, type TestStack } from './support/test-stack.js';

const at = (x: number) => ({ x, y: 0 });
const captureConfig = { channels: ['api'], requiredFields: ['email'], defaultCountry: 'US' };

/** capture@2 matching on email and company + name → wait for `contacted` → end: leads stay running to take signals. */
const byPerson: GraphDocument = {
  name: 'duplicates by person',
  nodes: [
    {
      id: 'capture',
      type: 'capture',
      typeVersion: 2,
      position: at(0),
      config: { ...captureConfig, matchOn: ['email', 'company_name'], matchAccount: false },
    },
    { id: 'hold', type: 'wait', typeVersion: 1, position: at(200), config: { mode: 'event', events: ['contacted'] } },
    { id: 'done', type: 'end', typeVersion: 1, position: at(400), config: { outcome: 'contacted' } },
  ],
  edges: [
    { id: 'a', source: 'capture', sourceHandle: 'out', target: 'hold' },
    { id: 'b', source: 'hold', sourceHandle: 'event', target: 'done' },
  ],
};

/** capture@2 linking accounts → assign@2 to the account owner as its first step. */
const byAccount: GraphDocument = {
  name: 'account owner routing',
  nodes: [
    {
      id: 'capture',
      type: 'capture',
      typeVersion: 2,
      position: at(0),
      config: { ...captureConfig, matchOn: ['email'], matchAccount: true },
    },
    {
      id: 'assign',
      type: 'assign',
      typeVersion: 2,
      position: at(200),
      config: {
        source: 'account_owner',
        strategy: 'round_robin',
        requireSkills: [],
        requireLanguages: [],
        respectWorkingHours: false,
        respectCapacity: false,
      },
    },
    { id: 'owned', type: 'end', typeVersion: 1, position: at(400), config: { outcome: 'owned' } },
    { id: 'orphan', type: 'end', typeVersion: 1, position: at(400), config: { outcome: 'orphan' } },
  ],
  edges: [
    { id: 'a', source: 'capture', sourceHandle: 'out', target: 'assign' },
    { id: 'b', source: 'assign', sourceHandle: 'assigned', target: 'owned' },
    { id: 'c', source: 'assign', sourceHandle: 'unassigned', target: 'orphan' },
  ],
};

/** The same shape on capture@1, which matches on email only. */
const v1Only: GraphDocument = {
  name: 'email only',
  nodes: [
    { id: 'capture', type: 'capture', typeVersion: 1, position: at(0), config: captureConfig },
    { id: 'done', type: 'end', typeVersion: 1, position: at(200), config: { outcome: 'done' } },
  ],
  edges: [{ id: 'a', source: 'capture', sourceHandle: 'out', target: 'done' }],
};

describe('capture v2 duplicate matching on the real stack', () => {
  let stack: TestStack;

  const publish = async (slug: string, draft: GraphDocument): Promise<void> => {
    expect((await stack.api('POST', '/api/workflows', { name: draft.name, slug, draft })).status).toBe(201);
    expect((await stack.api('POST', `/api/workflows/${slug}/publish`, { note: 'test' })).status).toBe(201);
  };
  const leadsWhere = (column: 'email_normalized' | 'person_key', op: '=' | 'like', value: string) =>
    stack.db.selectFrom('leads').select(['id', 'email', 'person_key']).where(column, op, value).execute();
  const events = async (leadId: string) =>
    (await stack.api('GET', `/api/leads/${leadId}/history`)).body.events as Array<{
      type: string;
      data: Record<string, unknown>;
    }>;

  beforeAll(async () => {
    stack = await startTestStack();
    await publish('by-person', byPerson);
    await publish('by-account', byAccount);
    await publish('v1-only', v1Only);
  });
  afterAll(() => stack?.stop());

  it('joins a new address with the same company domain and name to the existing lead', async () => {
    const first = await stack.api('POST', '/api/leads', {
      workflow: 'by-person',
      email: 'jane@acme.com',
      name: 'Jane Doe',
      source: 'webinar',
    });
    expect(first.status).toBe(201);
    const leadId = first.body.lead.id as string;
    await eventually(
      async () => (await stack.api('GET', `/api/leads/${leadId}`)).body.run.status === 'waiting',
      'the lead waiting',
    );

    const second = await stack.api('POST', '/api/leads', {
      workflow: 'by-person',
      email: 'j.doe@acme.com',
      name: 'jane  doe',
      source: 'demo_request',
      utm: { campaign: 'q4' },
    });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      duplicate: true,
      matchedOn: 'company_name',
      lead: {
        id: leadId,
        email: 'jane@acme.com',
        lastTouch: { source: 'demo_request', utm: { campaign: 'q4' } },
        firstTouch: { source: 'webinar' },
      },
    });
    expect(await leadsWhere('person_key', '=', 'acme.com|jane doe')).toEqual([
      { id: leadId, email: 'jane@acme.com', person_key: 'acme.com|jane doe' },
    ]);
    expect(await leadsWhere('email_normalized', '=', 'j.doe@acme.com')).toEqual([]);
    expect(await events(leadId)).toEqual([
      expect.objectContaining({
        type: 'resubmitted',
        data: {
          touch: expect.objectContaining({ source: 'demo_request' }),
          matchedOn: 'company_name',
          email: 'j.doe@acme.com',
        },
      }),
    ]);
    await eventually(async () => {
      const live = await stack.api('GET', `/api/leads/${leadId}/state`);
      return live.status === 200 && live.body.lead.events.resubmitted === 1;
    }, 'the running workflow to receive the resubmission');

    // The answer names the key; an address already known still matches on email first.
    const third = await stack.services.intake.capture(
      { workflow: 'by-person', email: 'JD@Acme.com', firstName: 'JANE', lastName: 'DOE' },
      undefined,
    );
    expect(third).toMatchObject({
      outcome: 'duplicate',
      matchedOn: 'company_name',
      delivered: true,
      lead: { id: leadId },
    });
    const again = await stack.services.intake.capture(
      { workflow: 'by-person', email: 'jane@acme.com', name: 'Someone Else' },
      undefined,
    );
    expect(again).toMatchObject({ outcome: 'duplicate', matchedOn: 'email', lead: { id: leadId } });
    expect((await events(leadId)).map((e) => e.data.matchedOn ?? 'email')).toEqual([
      'company_name',
      'company_name',
      'email',
    ]);
  });

  it('keeps two people of the same name at a free-mail provider apart', async () => {
    const one = await stack.api('POST', '/api/leads', {
      workflow: 'by-person',
      email: 'sam.lee@gmail.com',
      name: 'Sam Lee',
    });
    const two = await stack.api('POST', '/api/leads', {
      workflow: 'by-person',
      email: 'samlee1990@gmail.com',
      name: 'Sam Lee',
    });
    expect([one.status, two.status]).toEqual([201, 201]);
    expect(one.body.lead.id).not.toBe(two.body.lead.id);
    expect((await leadsWhere('email_normalized', 'like', '%@gmail.com')).map((r) => r.person_key)).toEqual([
      null,
      null,
    ]);
  });

  it('makes one lead of 20 concurrent submissions of one person under 20 addresses', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        stack.api('POST', '/api/leads', {
          workflow: 'by-person',
          email: `pat.kim+${i}@initech.io`,
          name: 'Pat Kim',
          source: `try_${i}`,
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(19).fill(200), 201]);
    const ids = new Set(answers.map((a) => a.body.lead.id as string));
    expect(ids.size).toBe(1);
    const [leadId] = [...ids] as [string];
    expect(await leadsWhere('email_normalized', 'like', '%@initech.io')).toEqual([
      expect.objectContaining({ id: leadId, person_key: 'initech.io|pat kim' }),
    ]);
    const resubmitted = (await events(leadId)).filter((e) => e.type === 'resubmitted');
    expect(resubmitted).toHaveLength(19);
    expect(resubmitted.every((e) => e.data.matchedOn === 'company_name')).toBe(true);
  });

  it('links the lead to its account and routes it to the account owner from the first node', async () => {
    const rep = await stack.api('POST', '/api/reps', { name: 'Olive Owner', email: 'olive@sales.test' });
    expect(rep.status).toBe(201);
    const account = await stack.api('POST', '/api/accounts', {
      domain: 'globex.com',
      name: 'Globex',
      ownerRepId: rep.body.id,
    });
    expect(account.status).toBe(201);

    const linked = await stack.api('POST', '/api/leads', {
      workflow: 'by-account',
      email: 'hank@globex.com',
      name: 'Hank Scorpio',
    });
    expect(linked.status).toBe(201);
    expect(linked.body.lead).toMatchObject({ accountId: account.body.id, fields: { accountOwnerId: rep.body.id } });
    const done = await eventually(async () => {
      const { body } = await stack.api('GET', `/api/leads/${linked.body.lead.id}/history`);
      return body.lead.run.status === 'completed' ? body : undefined;
    }, 'the linked lead to finish');
    expect(done.lead.ownerId).toBe(rep.body.id);
    expect(done.steps.map((s: { nodeId: string }) => s.nodeId)).toEqual(['capture', 'assign', 'owned']);

    const unknown = await stack.api('POST', '/api/leads', {
      workflow: 'by-account',
      email: 'someone@unknown-co.com',
      name: 'No Account',
    });
    expect(unknown.body.lead).toMatchObject({ accountId: null, fields: { fullName: 'No Account' } });
    expect(unknown.body.lead.fields).not.toHaveProperty('accountOwnerId');
  });

  it('leaves capture v1 matching on email only', async () => {
    const one = await stack.api('POST', '/api/leads', {
      workflow: 'v1-only',
      email: 'ann@umbrella.com',
      name: 'Ann Bell',
    });
    const two = await stack.api('POST', '/api/leads', {
      workflow: 'v1-only',
      email: 'a.bell@umbrella.com',
      name: 'Ann Bell',
    });
    const three = await stack.api('POST', '/api/leads', {
      workflow: 'v1-only',
      email: 'ann@umbrella.com',
      name: 'Ann Bell',
    });
    expect([one.status, two.status, three.status]).toEqual([201, 201, 200]);
    expect(three.body).toMatchObject({ duplicate: true, lead: { id: one.body.lead.id } });
    expect((await leadsWhere('email_normalized', 'like', '%@umbrella.com')).map((r) => r.person_key)).toEqual([
      null,
      null,
    ]);
    expect((await events(one.body.lead.id)).map((e) => e.data)).toEqual([
      { touch: expect.objectContaining({ channel: 'api' }) },
    ]);
  });
});
