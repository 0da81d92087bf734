import type { GraphDocument } from '@leadflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack, type TestStack } from './support/test-stack.js';

const at = (x: number) => ({ x, y: 0 });
/** Day 1 call, then day 2 call: the start of the 1/2/4/7/10 follow-up cadence, with a short gap. */
const cadence: GraphDocument = {
  name: 'cadence',
  nodes: [
    {
      id: 'capture',
      type: 'capture',
      typeVersion: 1,
      position: at(0),
      config: { channels: ['api'], requiredFields: ['email'], defaultCountry: 'US' },
    },
    {
      id: 'assign',
      type: 'assign',
      typeVersion: 1,
      position: at(1),
      config: { strategy: 'round_robin', team: 'cadence' },
    },
    {
      id: 'day1',
      type: 'task',
      typeVersion: 1,
      position: at(2),
      config: { title: 'Day 1: call {{email}}', dueIn: '1d', priority: 'high' },
    },
    { id: 'gap', type: 'wait', typeVersion: 1, position: at(3), config: { mode: 'duration', duration: '1s' } },
    {
      id: 'day2',
      type: 'task',
      typeVersion: 1,
      position: at(4),
      config: { title: 'Day 2: second call', dueIn: '2d', priority: 'normal', note: 'different time of day' },
    },
    { id: 'done', type: 'end', typeVersion: 1, position: at(5), config: { outcome: 'cadence started' } },
    { id: 'nobody', type: 'end', typeVersion: 1, position: at(6), config: { outcome: 'unassigned' } },
  ],
  edges: [
    { id: 'a', source: 'capture', sourceHandle: 'out', target: 'assign' },
    { id: 'b', source: 'assign', sourceHandle: 'assigned', target: 'day1' },
    { id: 'c', source: 'assign', sourceHandle: 'unassigned', target: 'nobody' },
    { id: 'd', source: 'day1', sourceHandle: 'out', target: 'gap' },
    { id: 'e', source: 'gap', sourceHandle: 'done', target: 'day2' },
    { id: 'f', source: 'day2', sourceHandle: 'out', target: 'done' },
  ],
};

describe('the task node', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    await stack.api('POST', '/api/teams', { id: 'cadence', name: 'Cadence' });
    await stack.api('POST', '/api/reps', { name: 'Tara', email: 'tara@cadence.test', teamId: 'cadence' });
    await stack.api('POST', '/api/workflows', { name: 'cadence', draft: cadence, isDefault: true });
    expect((await stack.api('POST', '/api/workflows/cadence/publish', { note: 'v1' })).status).toBe(201);
  });
  afterAll(() => stack?.stop());

  it('gives the owner dated tasks along the cadence, and completing one reaches the lead', async () => {
    const captured = await stack.api('POST', '/api/leads', { email: 'follow@up.test' });
    const lead = captured.body.lead;
    await eventually(
      async () => (await stack.api('GET', `/api/leads/${lead.id}`)).body.run.status === 'completed',
      'the cadence to be laid out',
    );
    const rep = (await stack.api('GET', '/api/reps?team=cadence')).body.reps[0];
    const { body } = await stack.api('GET', `/api/tasks?rep=${rep.id}`);
    expect(body.tasks.map((t: { title: string; priority: string }) => [t.title, t.priority])).toEqual([
      ['Day 1: call follow@up.test', 'high'],
      ['Day 2: second call', 'normal'],
    ]);
    const created = Date.parse(lead.createdAt);
    expect(Date.parse(body.tasks[0].dueAt) - created).toBeGreaterThan(86_000_000);
    expect(Date.parse(body.tasks[1].dueAt) - created).toBeGreaterThan(2 * 86_000_000);

    const done = await stack.api('POST', `/api/tasks/${body.tasks[0].id}/complete`);
    expect(done.body).toMatchObject({ status: 'done', completedAt: expect.any(String) });
    const history = await stack.api('GET', `/api/leads/${lead.id}/history`);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['task_completed']);
    expect(history.body.steps.find((s: { nodeId: string }) => s.nodeId === 'day1').reason).toMatch(
      /^task "Day 1: call follow@up.test" for Tara, due \d{4}-\d\d-\d\d \d\d:\d\d UTC$/,
    );
    expect((await stack.api('POST', '/api/tasks/00000000-0000-4000-8000-000000000000/complete')).status).toBe(404);
  });
});
