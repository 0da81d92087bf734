import { persistSteps } from '@leadflow/engine/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addOldLeads,
  type HistoricLead,
  planOf,
  queriesRunBy,
  stepsOf,
  writeHistory,
} from './support/metrics-fixture.js';
import { startTestStack, type TestStack } from './support/test-stack.js';

const mql = { mql: true, sql: false };
const sqlFlags = { mql: true, sql: true };
const dq = (reason: string) => ({ status: 'disqualified', disqualificationReason: reason });
const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * Seven leads captured in two weeks of March 2025 (weeks of Mon 3 and Mon 10). Speed-to-lead
 * (seconds): 60, 120, 180, 240, 1200, and two never contacted. Time-to-assign: 30, 60, 90, 120,
 * 300, 600, and one never assigned. L5 is first Bo's (missed: no contact within 5 minutes), then
 * Cy's (met, exactly at the deadline). L6 is Ann's and never contacted (missed).
 */
const HISTORY: HistoricLead[] = [
  {
    key: 'L1',
    capturedAt: '2025-03-03T09:00:00Z',
    firstSource: 'webinar',
    lastSource: 'demo_request',
    team: 'east',
    assignments: [['Ann', 30]],
    contactedAfter: 60,
    steps: [
      [120, 'score', mql],
      [HOUR, 'score', sqlFlags],
    ],
    events: [
      [DAY, 'meeting_booked'],
      [10 * DAY, 'status_changed', { status: 'won' }],
    ],
  },
  {
    key: 'L2',
    capturedAt: '2025-03-04T09:00:00Z',
    firstSource: 'webinar',
    lastSource: 'webinar',
    team: 'east',
    assignments: [['Ann', 60]],
    contactedAfter: 120,
    steps: [
      [120, 'score', mql],
      [HOUR, 'score', sqlFlags],
      [2 * HOUR, 'disqualify', dq('no_budget')],
    ],
  },
  {
    key: 'L3',
    capturedAt: '2025-03-05T09:00:00Z',
    firstSource: 'demo_request',
    lastSource: 'demo_request',
    team: 'east',
    assignments: [['Bo', 90]],
    contactedAfter: 180,
    steps: [
      [120, 'score', mql],
      [HOUR, 'score', sqlFlags],
    ],
    events: [[2 * DAY, 'meeting_booked']],
  },
  {
    key: 'L4',
    capturedAt: '2025-03-06T09:00:00Z',
    firstSource: 'demo_request',
    lastSource: 'demo_request',
    team: 'west',
    assignments: [['Cy', 120]],
    contactedAfter: 240,
    steps: [
      [120, 'score', mql],
      [HOUR, 'disqualify', dq('no_need')],
    ],
  },
  {
    key: 'L5',
    capturedAt: '2025-03-07T09:00:00Z',
    firstSource: 'referral',
    lastSource: 'referral',
    team: 'west',
    assignments: [
      ['Bo', 300],
      ['Cy', 900],
    ],
    contactedAfter: 1200,
  },
  {
    key: 'L6',
    capturedAt: '2025-03-10T09:00:00Z',
    firstSource: 'webinar',
    lastSource: 'webinar',
    team: 'east',
    assignments: [['Ann', 600]],
    steps: [[300, 'disqualify', dq('no_budget')]],
  },
  { key: 'L7', capturedAt: '2025-03-11T09:00:00Z', firstSource: null, lastSource: null, team: null, assignments: [] },
];

const RANGE = 'from=2025-03-03&to=2025-03-16';

describe('metrics over leads whose timings the test controls', () => {
  let stack: TestStack;
  let ids: Record<string, string>;
  let workflow: string;
  const reps: Record<string, string> = {};
  const get = async (path: string) => {
    const response = await stack.api('GET', path);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    for (const team of ['east', 'west'])
      expect((await stack.api('POST', '/api/teams', { id: team, name: team.toUpperCase() })).status).toBe(201);
    for (const [name, teamId] of [
      ['Ann', 'east'],
      ['Bo', 'east'],
      ['Cy', 'west'],
    ] as const) {
      reps[name] = (
        await stack.api('POST', '/api/reps', { name, email: `${name.toLowerCase()}@history.test`, teamId })
      ).body.id;
    }
    workflow = (await stack.api('POST', '/api/workflows', { name: 'History' })).body.id as string;
    ids = await writeHistory(stack, workflow, reps, HISTORY);
  });
  afterAll(() => stack?.stop());

  it('records each stage move once, with the time of the step or event that caused it, even when a step write is retried', async () => {
    const moves = () =>
      stack.db
        .selectFrom('lead_stage_changes')
        .select(['from_stage', 'to_stage', 'changed_at', 'step_seq', 'event_id'])
        .where('lead_id', '=', ids.L1 as string)
        .orderBy('id')
        .execute();
    const before = await moves();
    expect(
      before.map((m) => [
        m.from_stage,
        m.to_stage,
        m.changed_at.toISOString(),
        m.step_seq !== null,
        m.event_id !== null,
      ]),
    ).toEqual([
      ['new', 'mql', '2025-03-03T09:02:00.000Z', true, false],
      ['mql', 'sql', '2025-03-03T10:00:00.000Z', true, false],
      ['sql', 'meeting', '2025-03-04T09:00:00.000Z', false, true],
      ['meeting', 'won', '2025-03-13T09:00:00.000Z', false, true],
    ]);
    // The worker retries a step write whose answer it lost: same steps, same seqs.
    await persistSteps(stack.db, ids.L1 as string, stepsOf(HISTORY[0] as HistoricLead), {
      status: 'completed',
      nodeId: null,
      waiting: null,
    });
    expect(await moves()).toHaveLength(4);
    expect(
      (
        await stack.db
          .selectFrom('leads')
          .select('stage')
          .where('id', '=', ids.L1 as string)
          .executeTakeFirstOrThrow()
      ).stage,
    ).toBe('won');
  });

  it('measures speed-to-lead and time-to-assign: n, median and p90 by percentile_cont, histogram, share within the SLA', async () => {
    const body = await get(`/api/metrics/response-times?${RANGE}`);
    expect(body.range).toEqual({ from: '2025-03-03T00:00:00.000Z', to: '2025-03-17T00:00:00.000Z' });
    expect(body.leads).toBe(7);
    // 60, 120, 180, 240, 1200: median 180; p90 at rank 3.6 = 240 + 0.6 × 960.
    expect(body.speedToLead).toMatchObject({
      n: 5,
      notContacted: 2,
      medianSeconds: 180,
      p90Seconds: 816,
      withinSla: 4,
      withinSlaPct: 57.1,
      slaMinutes: 5,
    });
    expect(body.speedToLead.buckets.filter((b: { n: number }) => b.n > 0)).toEqual([
      { label: '1–5 min', n: 4 },
      { label: '15–60 min', n: 1 },
    ]);
    // 30, 60, 90, 120, 300, 600: median 105; p90 at rank 4.5 = 300 + 0.5 × 300.
    expect(body.timeToAssign).toMatchObject({ n: 6, unassigned: 1, medianSeconds: 105, p90Seconds: 450 });
    expect(body.timeToAssign.buckets.filter((b: { n: number }) => b.n > 0)).toEqual([
      { label: '< 1 min', n: 1 },
      { label: '1–5 min', n: 3 },
      { label: '5–15 min', n: 2 },
    ]);

    const east = await get(`/api/metrics/response-times?${RANGE}&team=east&slaMinutes=2`);
    // L1, L2, L3, L6: contacted after 60, 120, 180 → p90 at rank 1.8 = 120 + 0.8 × 60; within 2 minutes: 2 of 4.
    expect(east.speedToLead).toMatchObject({
      n: 3,
      notContacted: 1,
      medianSeconds: 120,
      p90Seconds: 168,
      withinSla: 2,
      withinSlaPct: 50,
    });
    expect(east.filters).toEqual({ team: 'east', source: null });
  });

  it('judges each assignment against the SLA, per rep, per team and overall', async () => {
    const body = await get(`/api/metrics/sla?${RANGE}`);
    expect(body.overall).toEqual({ assignments: 7, met: 5, missed: 2, pending: 0, compliancePct: 71.4 });
    const byRep = Object.fromEntries(body.byRep.map((r: { repName: string }) => [r.repName, r]));
    expect(byRep.Ann).toMatchObject({ assignments: 3, met: 2, missed: 1, compliancePct: 66.7, teamId: 'east' });
    expect(byRep.Bo).toMatchObject({ assignments: 2, met: 1, missed: 1, compliancePct: 50 });
    expect(byRep.Cy).toMatchObject({ assignments: 2, met: 2, missed: 0, compliancePct: 100 });
    expect(
      body.byTeam.map((t: { teamId: string; teamName: string; met: number; missed: number; compliancePct: number }) => [
        t.teamId,
        t.teamName,
        t.met,
        t.missed,
        t.compliancePct,
      ]),
    ).toEqual([
      ['east', 'EAST', 3, 2, 60],
      ['west', 'WEST', 2, 0, 100],
    ]);
    // Within one minute, of the east team's assignments only Ann's L1 (30 s) and L2 (60 s) are met.
    const strict = await get(`/api/metrics/sla?${RANGE}&slaMinutes=1&team=east`);
    expect(strict.overall).toEqual({ assignments: 5, met: 2, missed: 3, pending: 0, compliancePct: 40 });
    expect(
      strict.byRep.map((r: { repName: string; met: number; missed: number }) => [r.repName, r.met, r.missed]),
    ).toEqual([
      ['Ann', 2, 1],
      ['Bo', 0, 2],
    ]);
  });

  it('counts stage-to-stage conversion and every recorded move', async () => {
    const body = await get(`/api/metrics/conversion?${RANGE}`);
    expect(body.n).toBe(7);
    expect(body.funnel).toEqual([
      { stage: 'new', reached: 7, fromPreviousPct: null, fromNewPct: 100 },
      { stage: 'mql', reached: 4, fromPreviousPct: 57.1, fromNewPct: 57.1 },
      { stage: 'sql', reached: 3, fromPreviousPct: 75, fromNewPct: 42.9 },
      { stage: 'meeting', reached: 2, fromPreviousPct: 66.7, fromNewPct: 28.6 },
      { stage: 'won', reached: 1, fromPreviousPct: 50, fromNewPct: 14.3 },
    ]);
    expect(body.disqualified).toEqual({ n: 3, pct: 42.9, now: 3 });
    expect(body.transitions).toEqual([
      { from: 'new', to: 'mql', n: 4 },
      { from: 'mql', to: 'sql', n: 3 },
      { from: 'sql', to: 'meeting', n: 2 },
      { from: 'meeting', to: 'won', n: 1 },
      { from: 'mql', to: 'disqualified', n: 1 },
      { from: 'new', to: 'disqualified', n: 1 },
      { from: 'sql', to: 'disqualified', n: 1 },
    ]);
    const webinar = await get(`/api/metrics/conversion?${RANGE}&source=webinar`);
    expect(webinar.funnel.map((s: { reached: number }) => s.reached)).toEqual([3, 2, 2, 1, 1]);
  });

  it('credits leads and conversion to the first touch and to the last touch', async () => {
    const body = await get(`/api/metrics/sources?${RANGE}`);
    const pick = (rows: Array<Record<string, unknown>>) =>
      rows.map((r) => [r.source, r.leads, r.sql, r.won, r.disqualified, r.wonPct]);
    expect(pick(body.firstTouch)).toEqual([
      ['webinar', 3, 2, 1, 2, 33.3],
      ['demo_request', 2, 1, 0, 1, 0],
      ['(none)', 1, 0, 0, 0, 0],
      ['referral', 1, 0, 0, 0, 0],
    ]);
    expect(pick(body.lastTouch)).toEqual([
      ['demo_request', 3, 2, 1, 1, 33.3],
      ['webinar', 2, 1, 0, 2, 0],
      ['(none)', 1, 0, 0, 0, 0],
      ['referral', 1, 0, 0, 0, 0],
    ]);
    expect(body.n).toBe(7);
  });

  it('counts disqualification reasons and the stage each lead was disqualified from', async () => {
    const body = await get(`/api/metrics/disqualifications?${RANGE}`);
    expect(body).toMatchObject({
      n: 3,
      reasons: [
        { reason: 'no_budget', n: 2, pct: 66.7 },
        { reason: 'no_need', n: 1, pct: 33.3 },
      ],
      fromStage: [
        { stage: 'mql', n: 1 },
        { stage: 'new', n: 1 },
        { stage: 'sql', n: 1 },
      ],
    });
  });

  it('buckets leads into weekly cohorts (Monday, UTC), empty weeks included', async () => {
    const body = await get('/api/metrics/cohorts?from=2025-03-03&to=2025-03-23');
    const pick = (w: Record<string, unknown>) => [
      w.week,
      w.leads,
      w.contacted,
      w.mql,
      w.sql,
      w.meeting,
      w.won,
      w.disqualified,
    ];
    expect(body.weeks.map(pick)).toEqual([
      ['2025-03-03', 5, 5, 4, 3, 2, 1, 2],
      ['2025-03-10', 2, 0, 0, 0, 0, 0, 1],
      ['2025-03-17', 0, 0, 0, 0, 0, 0, 0],
    ]);
    expect(body.weeks[0]).toMatchObject({ contactedPct: 100, sqlPct: 60, wonPct: 20 });
    expect(body.n).toBe(7);
  });

  it('refuses a bad range with an error naming the field', async () => {
    const reversed = await stack.api('GET', '/api/metrics/conversion?from=2025-03-10&to=2025-03-01');
    expect(reversed.status).toBe(422);
    expect(reversed.body.message).toMatch(/from: must be before to/);
    const garbage = await stack.api('GET', '/api/metrics/sla?from=last-week');
    expect(garbage.status).toBe(422);
    expect(garbage.body.message).toMatch(/from: 'last-week' is not an ISO date/);
    const unknown = await stack.api('GET', '/api/metrics/cohorts?slaMinutes=5');
    expect(unknown.status).toBe(400);
    const tooShort = await stack.api('GET', '/api/metrics/sla?slaMinutes=0');
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.message).toMatch(/slaMinutes/);
  });

  it('documents every metric endpoint in OpenAPI', async () => {
    const doc = (await fetch(`${stack.baseUrl}/docs/json`).then((r) => r.json())) as { paths: Record<string, unknown> };
    expect(
      Object.keys(doc.paths)
        .filter((path) => path.startsWith('/api/metrics/'))
        .sort(),
    ).toEqual(
      ['cohorts', 'conversion', 'disqualifications', 'response-times', 'sla', 'sources', 'stuck'].map(
        (name) => `/api/metrics/${name}`,
      ),
    );
  });

  it('answers each metric from indexes (EXPLAIN of the queries the endpoints run, over 10,000 older leads)', async () => {
    await addOldLeads(stack, workflow, reps.Ann as string, 10_000);
    const plans = async (path: string) => {
      const queries = await queriesRunBy(stack, path);
      return Promise.all(queries.map((query) => planOf(stack, query)));
    };
    const [times] = await plans(`/api/metrics/response-times?${RANGE}&team=east`);
    expect(times).toMatch(/Index Scan using leads_(team_created|created) on leads/);
    expect(times).toMatch(/Index (Only )?Scan using lead_events_contacted on lead_events/);
    expect(times).toMatch(/Index (Only )?Scan using assignments_lead_given on assignments/);
    expect(times).not.toMatch(/Seq Scan/);

    const [sla] = await plans(`/api/metrics/sla?${RANGE}`);
    expect(sla).toMatch(/Index (Only )?Scan using assignments_lead_given on assignments/);
    expect(sla).not.toMatch(/Seq Scan on (leads|assignments|lead_events)/);

    const [funnel, moves] = await plans(`/api/metrics/conversion?${RANGE}&source=webinar`);
    expect(funnel).toMatch(/Index Scan using leads_(source_created|created) on leads/);
    expect(funnel).toMatch(/Index (Only )?Scan using lead_stage_changes_lead on lead_stage_changes/);
    expect(moves).not.toMatch(/Seq Scan on (leads|lead_stage_changes)/);

    // Both partial indexes hold only leads at a node, a small share of all leads. The endpoint runs
    // its queries at once, so they are told apart by their text rather than by the order they end in.
    const stuckQueries = await queriesRunBy(stack, '/api/metrics/stuck');
    const atNode = stuckQueries.filter((query) => query.sql.includes('l.current_node_id IS NOT NULL'));
    expect(atNode).toHaveLength(2);
    for (const query of atNode) {
      const plan = await planOf(stack, query);
      expect(plan).toMatch(/Index Scan using leads_node(_since)? on leads/);
      expect(plan).not.toMatch(/Seq Scan on leads/);
    }
  });
});
