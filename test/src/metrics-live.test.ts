import type { GraphDocument } from '@leadflow/engine';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack, type TestStack } from './support/test-stack.js';

const at = (x: number) => ({ x, y: 0 });

/** Score (a demo request is an SQL) → SQLs to the `live` team and wait for contact; the rest are disqualified. */
const funnelWorkflow: GraphDocument = {
  name: 'Funnel',
  nodes: [
    {
      id: 'capture',
      type: 'capture',
      typeVersion: 1,
      position: at(0),
      config: { channels: ['api'], requiredFields: ['email'], defaultCountry: 'US' },
    },
    {
      id: 'score',
      type: 'score',
      typeVersion: 1,
      position: at(200),
      config: {
        fitRules: [],
        intentRules: [{ label: 'demo', when: 'source == "demo_request"', points: 120 }],
        fitThreshold: 50,
        intentThreshold: 50,
        mqlThreshold: 60,
        sqlThreshold: 100,
      },
    },
    {
      id: 'route',
      type: 'branch',
      typeVersion: 1,
      position: at(400),
      config: { cases: [{ port: 'hot', label: 'SQL', when: 'sql == true' }] },
    },
    {
      id: 'assign',
      type: 'assign',
      typeVersion: 1,
      position: at(600),
      config: { strategy: 'round_robin', team: 'live' },
    },
    {
      id: 'await',
      type: 'wait',
      typeVersion: 1,
      position: at(800),
      config: { mode: 'event', events: ['contacted'], timeout: '2h' },
    },
    {
      id: 'done',
      type: 'end',
      typeVersion: 1,
      position: at(1000),
      config: { outcome: 'contacted', status: 'contacted' },
    },
    { id: 'lapsed', type: 'end', typeVersion: 1, position: at(1000), config: { outcome: 'not contacted' } },
    {
      id: 'nobody',
      type: 'end',
      typeVersion: 1,
      position: at(800),
      config: { outcome: 'nobody', status: 'unassigned' },
    },
    { id: 'dq', type: 'disqualify', typeVersion: 1, position: at(600), config: { reason: 'no_need' } },
  ],
  edges: [
    { id: 'e1', source: 'capture', sourceHandle: 'out', target: 'score' },
    { id: 'e2', source: 'score', sourceHandle: 'out', target: 'route' },
    { id: 'e3', source: 'route', sourceHandle: 'hot', target: 'assign' },
    { id: 'e4', source: 'route', sourceHandle: 'default', target: 'dq' },
    { id: 'e5', source: 'assign', sourceHandle: 'assigned', target: 'await' },
    { id: 'e6', source: 'assign', sourceHandle: 'unassigned', target: 'nobody' },
    { id: 'e7', source: 'await', sourceHandle: 'event', target: 'done' },
    { id: 'e8', source: 'await', sourceHandle: 'timeout', target: 'lapsed' },
  ],
} as GraphDocument;

describe('metrics fed by real runs: stage moves written by the step trail and by posted events', () => {
  let stack: TestStack;
  const leads: Record<string, string> = {};

  const lead = (id: string) =>
    stack.db
      .selectFrom('leads')
      .select(['stage', 'status', 'run_status', 'current_node_id', 'node_since', 'disqualification_reason'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const moves = (id: string) =>
    stack.db
      .selectFrom('lead_stage_changes')
      .select(['from_stage', 'to_stage', 'step_seq', 'event_id'])
      .where('lead_id', '=', id)
      .orderBy('id')
      .execute();
  const waitingAtAwait = (id: string) =>
    eventually(
      async () => ((await lead(id)).run_status === 'waiting' ? lead(id) : undefined),
      `lead ${id} to wait for contact`,
    );
  const get = async (path: string) => {
    const response = await stack.api('GET', path);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.api('POST', '/api/teams', { id: 'live', name: 'Live' });
    await stack.api('POST', '/api/reps', { name: 'Lou', email: 'lou@live.test', teamId: 'live' });
    expect(
      (
        await stack.api('POST', '/api/workflows', {
          name: 'funnel',
          slug: 'funnel',
          draft: funnelWorkflow,
          isDefault: true,
        })
      ).status,
    ).toBe(201);
    expect((await stack.api('POST', '/api/workflows/funnel/publish', { note: 'v1' })).status).toBe(201);
    for (const [key, source] of [
      ['A', 'demo_request'],
      ['B', 'webinar'],
      ['C', 'demo_request'],
    ] as const) {
      const captured = await stack.api('POST', '/api/leads', { email: `${key.toLowerCase()}@live.test`, source });
      expect(captured.status).toBe(201);
      leads[key] = captured.body.lead.id;
    }
  });
  afterAll(() => stack?.stop());

  it('records the score step reaching SQL and the disqualify step, in the step-trail transaction', async () => {
    const a = await waitingAtAwait(leads.A as string);
    expect(a.stage).toBe('sql');
    const [scored] = await moves(leads.A as string);
    const scoreStep = await stack.db
      .selectFrom('steps')
      .select(['seq', 'ended_at'])
      .where('lead_id', '=', leads.A as string)
      .where('node_id', '=', 'score')
      .executeTakeFirstOrThrow();
    expect(scored).toMatchObject({ from_stage: 'new', to_stage: 'sql', step_seq: scoreStep.seq, event_id: null });

    const b = await eventually(
      async () => ((await lead(leads.B as string)).run_status === 'completed' ? lead(leads.B as string) : undefined),
      'B to be disqualified',
    );
    expect(b).toMatchObject({ stage: 'disqualified', status: 'disqualified', disqualification_reason: 'no_need' });
    expect((await moves(leads.B as string)).map((m) => `${m.from_stage}→${m.to_stage}`)).toEqual(['new→disqualified']);
  });

  it('records a booked meeting and a won status from posted events; other statuses and events move nothing', async () => {
    await stack.api('POST', `/api/leads/${leads.A}/events`, { type: 'meeting_booked' });
    await stack.api('POST', `/api/leads/${leads.A}/events`, {
      type: 'status_changed',
      data: { status: 'negotiating' },
    });
    expect((await stack.api('POST', `/api/leads/${leads.A}/events`, { type: 'contacted' })).body.delivered).toBe(true);
    await eventually(
      async () => (await lead(leads.A as string)).run_status === 'completed',
      'A to finish once contacted',
    );
    await stack.api('POST', `/api/leads/${leads.A}/events`, { type: 'status_changed', data: { status: 'won' } });
    const recorded = await moves(leads.A as string);
    expect(recorded.map((m) => `${m.from_stage}→${m.to_stage}`)).toEqual(['new→sql', 'sql→meeting', 'meeting→won']);
    expect(recorded.slice(1).every((m) => m.event_id !== null && m.step_seq === null)).toBe(true);
    expect((await lead(leads.A as string)).stage).toBe('won');
  });

  it('serves conversion, response times and SLA (with a still-open window) over the default last 30 days', async () => {
    await waitingAtAwait(leads.C as string);
    const conversion = await get('/api/metrics/conversion');
    expect(conversion.funnel.map((s: { stage: string; reached: number }) => [s.stage, s.reached])).toEqual([
      ['new', 3],
      ['mql', 2],
      ['sql', 2],
      ['meeting', 1],
      ['won', 1],
    ]);
    expect(conversion.disqualified).toMatchObject({ n: 1, now: 1 });
    expect(conversion.transitions).toEqual([
      { from: 'new', to: 'sql', n: 2 },
      { from: 'meeting', to: 'won', n: 1 },
      { from: 'new', to: 'disqualified', n: 1 },
      { from: 'sql', to: 'meeting', n: 1 },
    ]);

    const times = await get('/api/metrics/response-times');
    expect(times).toMatchObject({
      leads: 3,
      speedToLead: { n: 1, notContacted: 2 },
      timeToAssign: { n: 2, unassigned: 1 },
    });
    // A was contacted well within an hour; C's hour has not passed.
    const sla = await get('/api/metrics/sla?slaMinutes=60&team=live');
    expect(sla.overall).toEqual({ assignments: 2, met: 1, missed: 0, pending: 1, compliancePct: 100 });
    expect(sla.byRep).toMatchObject([{ repName: 'Lou', teamId: 'live', assignments: 2 }]);
  });

  it('finds leads at one node for longer than the threshold, from when the step trail says they got there', async () => {
    const c = await lead(leads.C as string);
    const waitStep = await stack.db
      .selectFrom('steps')
      .select('started_at')
      .where('lead_id', '=', leads.C as string)
      .where('node_id', '=', 'await')
      .executeTakeFirstOrThrow();
    expect(c.current_node_id).toBe('await');
    expect(c.node_since?.toISOString()).toBe(new Date(waitStep.started_at).toISOString());
    expect((await get('/api/metrics/stuck')).n).toBe(0);

    // Three hours pass (as far as this lead is concerned).
    await sql`UPDATE leads SET node_since = node_since - interval '3 hours' WHERE id = ${leads.C}`.execute(stack.db);
    const stuck = await get('/api/metrics/stuck?stuckMinutes=120');
    expect(stuck).toMatchObject({
      n: 1,
      stuckMinutes: 120,
      byNode: [{ nodeId: 'await', n: 1, workflowName: 'funnel' }],
      notStarted: 0,
    });
    expect(stuck.leads).toEqual([
      expect.objectContaining({
        id: leads.C,
        nodeId: 'await',
        runStatus: 'waiting',
        ownerName: 'Lou',
        email: 'c@live.test',
      }),
    ]);
    expect(stuck.leads[0].minutes).toBeGreaterThanOrEqual(180);
    expect((await get('/api/metrics/stuck?stuckMinutes=120&source=webinar')).n).toBe(0);
    expect((await get('/api/metrics/stuck?stuckMinutes=240')).n).toBe(0);
  });
});
