import type { GraphDocument } from '@leadflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack, type TestStack } from './support/test-stack.js';

const at = (x: number) => ({ x: x * 220, y: 0 });
const graph: GraphDocument = {
  name: 'nurture until engaged',
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
      typeVersion: 2,
      position: at(1),
      config: {
        fitRules: [],
        intentRules: [],
        eventRules: [
          { label: 'pricing page', event: 'page_visited', urlContains: '/pricing', points: 30, halfLife: '30d' },
        ],
        fitThreshold: 50,
        intentThreshold: 50,
        mqlThreshold: 50,
        sqlThreshold: 100,
      },
    },
    {
      id: 'nurture',
      type: 'recycle',
      typeVersion: 1,
      position: at(2),
      config: { reengageOn: [], reengageWhen: 'score >= 50' },
    },
    { id: 'back', type: 'end', typeVersion: 1, position: at(3), config: { outcome: 'engaged again' } },
  ],
  edges: [
    { id: 'a', source: 'capture', sourceHandle: 'out', target: 'score' },
    { id: 'b', source: 'score', sourceHandle: 'out', target: 'nurture' },
    { id: 'c', source: 'nurture', sourceHandle: 're_engaged', target: 'back' },
  ],
};

describe('re-scoring while a lead waits', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    await stack.api('POST', '/api/workflows', { name: 'rescore', draft: graph, isDefault: true });
    const published = await stack.api('POST', '/api/workflows/rescore/publish', { note: 'v1' });
    expect(published.body.errors ?? []).toEqual([]);
  });
  afterAll(() => stack?.stop());

  const lead = async (id: string) => (await stack.api('GET', `/api/leads/${id}`)).body;

  it('re-scores on each new page visit and brings the lead back once the score rises past the bar', async () => {
    const { body } = await stack.api('POST', '/api/leads', { email: 'cold@later.io' });
    const id = body.lead.id as string;
    await eventually(async () => (await lead(id)).run.nodeId === 'nurture', 'the lead to rest in nurture');
    expect((await lead(id)).score).toBe(0);

    await stack.api('POST', `/api/leads/${id}/events`, { type: 'page_visited', data: { url: 'https://x.io/pricing' } });
    await eventually(async () => (await lead(id)).score === 30 || undefined, 'the first re-score');
    const resting = await lead(id);
    expect(resting).toMatchObject({ status: 'recycled', run: { status: 'waiting', nodeId: 'nurture' } });

    await stack.api('POST', `/api/leads/${id}/events`, { type: 'page_visited', data: { url: 'https://x.io/pricing' } });
    const back = await eventually(async () => {
      const current = await lead(id);
      return current.run.status === 'completed' ? current : undefined;
    }, 'the lead to come back once its score is 60');
    expect(back).toMatchObject({ score: 60, status: 'working' });

    const steps = (await stack.api('GET', `/api/leads/${id}/history`)).body.steps as Array<{
      nodeId: string;
      visit: number;
      reason: string;
      port: string;
    }>;
    expect(steps.map((s) => `${s.nodeId}#${s.visit}`)).toEqual([
      'capture#1',
      'score#1',
      'nurture#1',
      'score#2',
      'score#3',
      'back#1',
    ]);
    // The nurture step started before the re-runs that happened while it waited.
    expect(steps[3]?.reason).toMatch(/^re-run \(page_visited arrived\): /);
    expect(steps[2]).toMatchObject({
      port: 're_engaged',
      reason: 're-engaged: score >= 50 now holds; back to no owner with full history',
    });
  });
});
