import type { ControlContext, LeadContext } from '@leadflow/engine';
import { describe, expect, it } from 'vitest';
import { branch } from './definition.js';

function ctx(lead: Partial<LeadContext>): ControlContext {
  return {
    lead: { id: 'l1', email: 'a@b.co', status: 'new', events: {}, custom: {}, ...lead } as LeadContext,
    leadId: 'l1',
    nodeId: 'route',
    visit: 1,
    now: () => new Date(0),
    waitFor: () => Promise.reject(new Error('a branch never waits')),
  };
}

const config = {
  cases: [
    { port: 'hot', label: 'Hot', when: 'tier == 1' },
    { port: 'warm', when: 'score >= 40 and events.page_visited > 0' },
  ],
};

describe('branch', () => {
  it('takes the first case that holds and explains which', async () => {
    const outcome = await branch.run(config, ctx({ tier: 1, score: 90 }));
    expect(outcome).toMatchObject({ port: 'hot', reason: "case 'Hot' matched: tier == 1" });
  });
  it('checks cases in order and records each result', async () => {
    const outcome = await branch.run(config, ctx({ tier: 2, score: 50, events: { page_visited: 2 } }));
    expect(outcome.port).toBe('warm');
    expect(outcome.output?.checked).toEqual([
      { port: 'hot', when: 'tier == 1', result: false },
      { port: 'warm', when: 'score >= 40 and events.page_visited > 0', result: true },
    ]);
  });
  it('falls back to default', async () => {
    expect((await branch.run(config, ctx({ tier: 3, score: 10 }))).port).toBe('default');
  });
  it('declares a port per case plus default', () => {
    expect((branch.ports as (c: typeof config) => Array<{ name: string }>)(config).map((p) => p.name)).toEqual([
      'hot',
      'warm',
      'default',
    ]);
  });
  it('refuses duplicate and reserved port names and bad conditions', () => {
    const issues = branch.validate?.({
      cases: [
        { port: 'default', when: 'tier == 1' },
        { port: 'a', when: 'x ==' },
        { port: 'a', when: 'tier == 2' },
      ],
    });
    expect(issues?.map((i) => i.path)).toEqual(['cases[0].port', 'cases[1].when', 'cases[2].port']);
  });
});
