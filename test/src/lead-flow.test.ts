import { EXAMPLE_TEAM, seedExample } from '@leadflow/server';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink } from '@leadflow/nodes/testing';
import { eventually, hotLead, startTestStack, type TestStack } from './support/test-stack.js';

const LEADS = 200;
const PATH_TO_WAIT = 'capture,enrich,score,route,assign,alert-owner,await-contact';

describe('the example workflow on real Temporal, Postgres and SMTP', () => {
  let stack: TestStack;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  const leadIds: string[] = [];
  let captured: Array<{ status: number; body: { lead: { id: string } } }> = [];
  /** Each lead's path and step statuses at the moment all of them had reached their wait. */
  let trailsAtWait: Array<{ path: string; statuses: string }> = [];
  let branchAtWait: { port: string | null; reason: string | null } | undefined;

  // The 200 leads are the fixture every test reads; no test depends on another having run
  // (`--sequence.shuffle` passes). The one that ends runs leaves the duplicate test's lead waiting.
  beforeAll(async () => {
    smtp = await startSmtpSink();
    stack = await startTestStack({ smtpUrl: smtp.url });
    expect(await seedExample(stack.services)).toBe(true);
    captured = await Promise.all(Array.from({ length: LEADS }, (_, i) => stack.api('POST', '/api/leads', hotLead(i))));
    leadIds.push(...captured.map((r) => r.body.lead.id as string));
    await eventually(async () => {
      const row = await stack.db
        .selectFrom('leads')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('run_status', '=', 'waiting')
        .where('current_node_id', '=', 'await-contact')
        .executeTakeFirstOrThrow();
      return row.n === LEADS;
    }, `${LEADS} leads waiting at await-contact`);
    trailsAtWait = await stack.db
      .selectFrom('steps')
      .select([
        'lead_id',
        sql<string>`string_agg(node_id, ',' ORDER BY seq)`.as('path'),
        sql<string>`string_agg(status, ',' ORDER BY seq)`.as('statuses'),
      ])
      .groupBy('lead_id')
      .execute();
    branchAtWait = await stack.db
      .selectFrom('steps')
      .select(['port', 'reason'])
      .where('node_id', '=', 'route')
      .executeTakeFirstOrThrow();
  });
  afterAll(async () => {
    await stack?.stop();
    await smtp?.stop();
  });

  it(`captures ${LEADS} leads at once and brings each to its wait with a complete step trail`, () => {
    expect(captured.map((r) => r.status)).toEqual(Array(LEADS).fill(201));
    expect(new Set(leadIds).size).toBe(LEADS);
    expect(trailsAtWait).toHaveLength(LEADS);
    for (const { path, statuses } of trailsAtWait) {
      expect(path).toBe(PATH_TO_WAIT);
      expect(statuses).toBe('completed,completed,completed,completed,completed,completed,waiting');
    }
    expect(branchAtWait).toEqual({ port: 'sales_now', reason: "case 'Tier 1: sales now' matched: tier == 1" });
  });

  it('spreads them exactly evenly over the team by round robin, each lead assigned once', async () => {
    const perRep = await stack.db
      .selectFrom('assignments')
      .innerJoin('reps', 'reps.id', 'assignments.rep_id')
      .select(['reps.name', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('reps.name')
      .execute();
    const team = await stack.db.selectFrom('reps').select('id').where('team_id', '=', EXAMPLE_TEAM).execute();
    expect(perRep).toHaveLength(team.length);
    expect(perRep.map((r) => r.n)).toEqual(Array(team.length).fill(LEADS / team.length));
    const owners = await stack.db.selectFrom('leads').select('owner_id').where('owner_id', 'is not', null).execute();
    expect(owners).toHaveLength(LEADS);
  });

  it('alerts each owner exactly once in the inbox and once by real SMTP', async () => {
    const notifications = await stack.db
      .selectFrom('notifications')
      .select(['channel', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['channel', 'status'])
      .orderBy('channel')
      .execute();
    expect(notifications).toEqual([
      { channel: 'email', status: 'sent', n: LEADS },
      { channel: 'inbox', status: 'delivered', n: LEADS },
    ]);
    expect(smtp.messages).toHaveLength(LEADS);
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(LEADS);
    expect(smtp.messages[0]?.subject).toMatch(/^New lead: Buyer \d+ at BigCo Inc. \(tier 1\)$/);
  });

  it('joins a duplicate submission to the existing lead as a resubmitted event', async () => {
    const before = await stack.db
      .selectFrom('leads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const again = await stack.api('POST', '/api/leads', {
      ...hotLead(0),
      email: '  BUYER0@BigCo.com ',
      source: 'webinar',
      utm: { campaign: 'retarget' },
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, lead: { id: leadIds[0], email: 'buyer0@bigco.com' } });
    expect(again.body.lead.lastTouch).toMatchObject({ source: 'webinar', utm: { campaign: 'retarget' } });
    expect(again.body.lead.firstTouch).toMatchObject({ source: 'demo_request' });
    const after = await stack.db
      .selectFrom('leads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const history = await stack.api('GET', `/api/leads/${leadIds[0]}/history`);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['resubmitted']);
    const state = await eventually(async () => {
      const live = await stack.api('GET', `/api/leads/${leadIds[0]}/state`);
      return live.status === 200 && live.body.lead.events.resubmitted === 1 ? live.body : undefined;
    }, 'the running workflow to count the resubmission');
    expect(state).toMatchObject({
      status: 'waiting',
      nodeId: 'await-contact',
      waiting: {
        events: ['contacted', 'meeting_booked', 'disqualified'],
        description: 'contacted or meeting_booked or disqualified, up to 5m',
      },
    });
  });

  it('finishes every lead once its rep marks it contacted', async () => {
    // All but the first, which the duplicate test finds waiting whichever runs first.
    const finishing = leadIds.slice(1);
    const posted = await Promise.all(
      finishing.map((id) => stack.api('POST', `/api/leads/${id}/events`, { type: 'contacted', data: { by: 'phone' } })),
    );
    expect(posted.every((r) => r.status === 202 && r.body.delivered === true)).toBe(true);
    await eventually(async () => {
      const row = await stack.db
        .selectFrom('leads')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('run_status', '=', 'completed')
        .where('status', '=', 'contacted')
        .executeTakeFirstOrThrow();
      return row.n === finishing.length;
    }, `${finishing.length} leads completed as contacted`);
    const history = await stack.api('GET', `/api/leads/${leadIds[7]}/history`);
    expect(history.body.steps.map((s: { nodeId: string }) => s.nodeId).join(',')).toBe(
      `${PATH_TO_WAIT},rep-outcome,contacted`,
    );
    expect(history.body.steps[6]).toMatchObject({ nodeId: 'await-contact', status: 'completed', port: 'event' });
    expect(history.body.waiting).toBeNull();
    expect(history.body.assignments[0].reason).toMatch(/^round robin in team inbound: .+ chosen$/);
  });
});
