import type { ControlContext, LeadContext } from '@leadflow/engine';
import { describe, expect, it } from 'vitest';
import { disqualify } from './definition.js';

const ctx: ControlContext = {
  lead: { id: 'l1', email: 'a@b.co', status: 'working', events: {}, custom: {} } as unknown as LeadContext,
  leadId: 'l1',
  nodeId: 'dq',
  visit: 1,
  now: () => new Date(0),
  waitFor: () => Promise.reject(new Error('disqualify never waits')),
};

describe('disqualify', () => {
  it('sets the status and the reason code, and names both code and note', async () => {
    expect(await disqualify.run({ reason: 'no_budget', note: 'student project' }, ctx)).toEqual({
      port: 'end',
      output: { reason: 'no_budget', note: 'student project' },
      patch: { status: 'disqualified', disqualificationReason: 'no_budget' },
      reason: 'disqualified: no_budget (no budget) — student project',
    });
  });
  it('needs no note', async () => {
    const outcome = await disqualify.run({ reason: 'duplicate' }, ctx);
    expect(outcome.reason).toBe('disqualified: duplicate (duplicate of another lead)');
    expect(outcome.output).toEqual({ reason: 'duplicate' });
  });
  it('ends the path: no output ports', () => {
    expect(disqualify.ports).toEqual([]);
  });
  it('offers exactly the fixed reasons', () => {
    expect(disqualify.configSchema.properties.reason.enum).toEqual([
      'no_budget',
      'no_authority',
      'no_need',
      'timing',
      'competitor',
      'bad_data',
      'duplicate',
    ]);
  });
});
