import type { ControlContext, LeadContext, WaitRequest } from '@leadflow/engine';
import { describe, expect, it } from 'vitest';
import { wait } from './definition.js';

function ctx(answer: { type: string } | null, requests: WaitRequest[]): ControlContext {
  return {
    lead: { id: 'l1', email: 'a@b.co', status: 'new', events: {}, custom: {} } as unknown as LeadContext,
    leadId: 'l1',
    nodeId: 'sla',
    visit: 1,
    now: () => new Date(0),
    waitFor: async (request) => {
      requests.push(request);
      return answer && { id: 'e1', type: answer.type, at: '2026-01-01T00:00:00.000Z' };
    },
  };
}

describe('wait', () => {
  it('waits for an event with a timeout and leaves by "event" when it arrives', async () => {
    const requests: WaitRequest[] = [];
    const outcome = await wait.run(
      { mode: 'event', events: ['contacted'], timeout: '5m' },
      ctx({ type: 'contacted' }, requests),
    );
    expect(requests).toEqual([{ events: ['contacted'], timeoutMs: 300_000, description: 'contacted, up to 5m' }]);
    expect(outcome.port).toBe('event');
  });
  it('leaves by "timeout" when nothing arrives', async () => {
    const outcome = await wait.run({ mode: 'event', events: ['contacted', 'replied'], timeout: '2d' }, ctx(null, []));
    expect(outcome).toEqual({ port: 'timeout', reason: 'no contacted or replied within 2d' });
  });
  it('waits a duration and leaves by "done"', async () => {
    const requests: WaitRequest[] = [];
    expect((await wait.run({ mode: 'duration', duration: '1h30m' }, ctx(null, requests))).port).toBe('done');
    expect(requests[0]).toMatchObject({ events: [], timeoutMs: 5_400_000 });
  });
  it('declares ports from its mode and validates what the mode needs', () => {
    const ports = wait.ports as (config: unknown) => Array<{ name: string }>;
    expect(ports({ mode: 'event', events: ['contacted'], timeout: '5m' }).map((p) => p.name)).toEqual([
      'event',
      'timeout',
    ]);
    expect(ports({ mode: 'event', events: ['contacted'] }).map((p) => p.name)).toEqual(['event']);
    expect(wait.validate?.({ mode: 'duration' })).toEqual([
      { path: 'duration', message: 'is required when waiting for a duration' },
    ]);
    expect(wait.validate?.({ mode: 'event', events: [], timeout: 'soon' }).map((i) => i.path)).toEqual([
      'events',
      'timeout',
    ]);
  });
});
