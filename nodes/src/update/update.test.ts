import type { ControlContext, LeadContext } from '@leadflow/engine';
import { describe, expect, it } from 'vitest';
import { update } from './definition.js';

function ctx(lead: Partial<LeadContext>): ControlContext {
  return {
    lead: {
      id: 'l1',
      email: 'a@b.co',
      status: 'new',
      score: 40,
      tier: 2,
      events: {},
      custom: {},
      ...lead,
    } as LeadContext,
    leadId: 'l1',
    nodeId: 'set_fields',
    visit: 1,
    now: () => new Date(0),
    waitFor: () => Promise.reject(new Error('an update never waits')),
  };
}

describe('update', () => {
  it('sets fields from expressions and says what changed from what to what', async () => {
    const outcome = await update.run(
      {
        set: [
          { field: 'status', value: '"nurture"' },
          { field: 'score', value: 'score + 10' },
          { field: 'custom.segment', value: 'tier == 1 ? "hot" : "warm"' },
        ],
      },
      ctx({ custom: { budget: 5000 } }),
    );
    expect(outcome).toEqual({
      port: 'out',
      patch: { status: 'nurture', score: 50, custom: { segment: 'warm' } },
      output: {
        changes: [
          { field: 'status', from: 'new', to: 'nurture' },
          { field: 'score', from: 40, to: 50 },
          { field: 'custom.segment', from: null, to: 'warm' },
        ],
        unchanged: [],
        skipped: [],
      },
      reason: 'set status "new" → "nurture", score 40 → 50, custom.segment null → "warm"',
    });
  });
  it('applies values in order: a later value sees an earlier one', async () => {
    const outcome = await update.run(
      {
        set: [
          { field: 'score', value: 'score + 50' },
          { field: 'tier', value: 'score >= 80 ? 1 : 2' },
        ],
      },
      ctx({}),
    );
    expect(outcome.patch).toEqual({ score: 90, tier: 1 });
  });
  it('leaves out what already has the value', async () => {
    const outcome = await update.run(
      {
        set: [
          { field: 'tier', value: '2' },
          { field: 'status', value: '"working"' },
        ],
      },
      ctx({}),
    );
    expect(outcome.patch).toEqual({ status: 'working' });
    expect(outcome.reason).toBe('set status "new" → "working"; tier already 2');
    const nothing = await update.run({ set: [{ field: 'tier', value: '2' }] }, ctx({}));
    expect(nothing).toMatchObject({ port: 'out', reason: 'nothing changed: tier already 2' });
    expect(nothing.patch).toBeUndefined();
  });
  it('skips, rather than stores, a value of the wrong type that only run time could see', async () => {
    const outcome = await update.run(
      {
        set: [
          { field: 'employees', value: 'custom.size' },
          { field: 'company', value: 'custom.org' },
        ],
      },
      ctx({ custom: { size: 'ten', org: 'Acme' } }),
    );
    expect(outcome.patch).toEqual({ company: 'Acme' });
    expect(outcome.reason).toBe('set company null → "Acme"; skipped employees: "ten" is not a number');
  });
  it('type-checks each value against its field, naming the entry', () => {
    const issues = update.validate?.({
      set: [
        { field: 'score', value: '"high"' },
        { field: 'tier', value: 'score >' },
        { field: 'status', value: 'nurture' },
        { field: 'status', value: 'null' },
        { field: 'mql', value: 'score >= 60' },
        { field: 'custom.plan', value: '["a", "b"]' },
        { field: 'company', value: 'null' },
      ],
    });
    expect(issues).toEqual([
      { path: 'set[0].value', message: 'gives text, but score holds a number' },
      { path: 'set[1].value', message: expect.stringMatching(/^syntax error/) },
      { path: 'set[2].value', message: 'unknown field \'nurture\'; for text write it in quotes: "nurture"' },
      { path: 'set[3].field', message: 'status is already set by set[2]' },
      { path: 'set[3].value', message: 'status cannot be null' },
    ]);
  });
  it("refuses fields that are not the update node's to set", () => {
    const issues = update.validate?.({
      set: [
        { field: 'ownerId', value: '"rep-1"' },
        { field: 'email', value: '"x@y.z"' },
        { field: 'colour', value: '"red"' },
        { field: 'custom.', value: '1' },
        { field: 'custom', value: '1' },
      ],
    });
    expect(issues).toEqual([
      { path: 'set[0].field', message: 'ownerId is set by an Assign node; route the lead through one instead' },
      { path: 'set[1].field', message: 'email identifies the lead and cannot be changed' },
      {
        path: 'set[2].field',
        message: expect.stringMatching(
          /^'colour' is not a lead field; settable: status, tier, score, .*, or custom\.<name>$/,
        ),
      },
      {
        path: 'set[3].field',
        message: "'custom.' is not a custom field name; write custom.<name> with letters, digits and _",
      },
      { path: 'set[4].field', message: 'custom holds all custom fields; set one at a time as custom.<name>' },
    ]);
    expect(update.validate?.({ set: [{ field: 'constructor', value: '1' }] })?.[0]?.message).toMatch(
      /^'constructor' is not a lead field/,
    );
  });
  it('has a valid default config', () => {
    expect(update.validate?.(update.defaultConfig)).toEqual([]);
  });
});
