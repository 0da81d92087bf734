import type { ControlContext, LeadContext, WaitRequest } from '@leadflow/engine';
import { describe, expect, it } from 'vitest';
import { recycle } from './definition.js';

function ctx(answer: string | null, requests: WaitRequest[]): ControlContext {
  return {
    lead: {
      id: 'l1',
      email: 'a@b.co',
      status: 'working',
      ownerName: 'Ava',
      events: {},
      custom: {},
    } as unknown as LeadContext,
    leadId: 'l1',
    nodeId: 'recycle',
    visit: 1,
    now: () => new Date(0),
    waitFor: async (request) => {
      requests.push(request);
      return answer ? { id: 'e', type: answer, at: '2027-01-01T00:00:00.000Z' } : null;
    },
  };
}

describe('recycle', () => {
  it('rests the lead as recycled and brings it back to its owner on a trigger', async () => {
    const requests: WaitRequest[] = [];
    const outcome = await recycle.run(
      { reengageOn: ['page_visited'], revisitAfter: '90d', reason: 'timing' },
      ctx('page_visited', requests),
    );
    expect(requests[0]).toMatchObject({
      events: ['page_visited'],
      timeoutMs: 90 * 86_400_000,
      patch: { status: 'recycled' },
    });
    expect(outcome).toMatchObject({
      port: 're_engaged',
      patch: { status: 'working' },
      reason: 're-engaged by page_visited; back to Ava with full history',
    });
  });
  it('passes a score-rise condition to the wait and says it held', async () => {
    const requests: WaitRequest[] = [];
    const outcome = await recycle.run(
      { reengageOn: [], reengageWhen: 'score >= 80' },
      { ...ctx('condition_met', requests) },
    );
    expect(requests[0]?.predicate?.({ score: 85 } as LeadContext)).toBe(true);
    expect(requests[0]?.predicate?.({ score: 10 } as LeadContext)).toBe(false);
    expect(outcome.reason).toBe('re-engaged: score >= 80 now holds; back to Ava with full history');
  });
  it('brings it back on the revisit date', async () => {
    expect((await recycle.run({ reengageOn: [], revisitAfter: '12w' }, ctx(null, []))).port).toBe('revisit');
  });
  it('refuses a recycle that can never end', () => {
    expect(recycle.validate?.({ reengageOn: [] })).toEqual([
      {
        path: 'reengageOn',
        message: 'name a re-engage event, a condition or revisitAfter, or the lead never comes back',
      },
    ]);
    expect(recycle.validate?.({ reengageOn: [], reengageWhen: 'scroe > 5' })[0]?.path).toBe('reengageWhen');
  });
});
