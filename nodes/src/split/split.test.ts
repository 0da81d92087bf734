import type { ControlContext, LeadContext } from '@leadflow/engine';
import { describe, expect, it } from 'vitest';
import { splitBucket } from './bucket.js';
import { split, type SplitConfig } from './definition.js';

function ctx(leadId: string, nodeId = 'ab'): ControlContext {
  return {
    lead: { id: leadId, email: 'a@b.co', status: 'new', events: {}, custom: {} } as unknown as LeadContext,
    leadId,
    nodeId,
    visit: 1,
    now: () => new Date(0),
    waitFor: () => Promise.reject(new Error('a split never waits')),
  };
}

const fifty = {
  variants: [
    { port: 'a', label: 'A', percent: 50 },
    { port: 'b', label: 'B', percent: 50 },
  ],
  salt: 'subject-line-test',
};

/** Synthetic lead ids of the shapes seen in practice: sequential and UUID-like. */
const sequentialIds = Array.from({ length: 10_000 }, (_, i) => `lead-${i}`);
const uuidIds = Array.from({ length: 10_000 }, (_, i) => {
  const hex = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
  return `${hex(Math.imul(i, 2654435761))}-${hex(i).slice(0, 4)}-4${hex(i).slice(5)}-8000-${hex(Math.imul(i, 40503))}0000`;
});

async function tally(config: SplitConfig, ids: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const id of ids) {
    const { port } = await split.run(config, ctx(id));
    counts[port] = (counts[port] ?? 0) + 1;
  }
  return counts;
}

describe('split', () => {
  it.each([
    ['sequential', sequentialIds],
    ['uuid', uuidIds],
  ])('splits 10,000 %s lead ids 50/50 within ±2%%', async (_shape, ids) => {
    const counts = await tally(fifty, ids);
    expect(Object.keys(counts).sort()).toEqual(['a', 'b']);
    for (const port of ['a', 'b']) expect(Math.abs((counts[port] ?? 0) - 5_000)).toBeLessThanOrEqual(200);
  });
  it('splits 10,000 lead ids 20/30/50 within ±2% each', async () => {
    const config = {
      variants: [
        { port: 'a', percent: 20 },
        { port: 'b', percent: 30 },
        { port: 'c', percent: 50 },
      ],
    };
    const counts = await tally(config, sequentialIds);
    expect(Math.abs((counts.a ?? 0) - 2_000)).toBeLessThanOrEqual(200);
    expect(Math.abs((counts.b ?? 0) - 3_000)).toBeLessThanOrEqual(200);
    expect(Math.abs((counts.c ?? 0) - 5_000)).toBeLessThanOrEqual(200);
  });
  it('gives the same lead the same port every time, and says why', async () => {
    const first = await split.run(fifty, ctx('lead-42'));
    for (let visit = 0; visit < 5; visit++) expect(await split.run(fifty, ctx('lead-42'))).toEqual(first);
    const bucket = splitBucket('lead-42', 'subject-line-test');
    expect(first).toEqual({
      port: bucket < 50 ? 'a' : 'b',
      output: { bucket, salt: 'subject-line-test', variant: bucket < 50 ? 'a' : 'b' },
      reason: `bucket ${bucket} of 0–99 falls in variant ${bucket < 50 ? 'A' : 'B'} (50%)`,
    });
  });
  it('keeps its buckets: changing them would move leads between arms of running tests', () => {
    expect(
      ['lead-1', 'lead-2', 'lead-3', '0b6f5e2c-6a8e-4c1e-9a55-3f1d2b7c9e01'].map((id) => splitBucket(id, 'x')),
    ).toEqual([2, 69, 94, 31]);
  });
  it('does not correlate two splits with different salts', () => {
    let bothA = 0;
    for (const id of sequentialIds) if (splitBucket(id, 'split_1') < 50 && splitBucket(id, 'split_2') < 50) bothA++;
    // Independent 50/50 splits: a quarter of leads take "A" in both.
    expect(Math.abs(bothA - 2_500)).toBeLessThanOrEqual(200);
  });
  it('salts with the node id by default, so two unsalted splits are independent', async () => {
    const unsalted = { variants: fifty.variants };
    let same = 0;
    for (const id of sequentialIds.slice(0, 2_000)) {
      if ((await split.run(unsalted, ctx(id, 'split_1'))).port === (await split.run(unsalted, ctx(id, 'split_2'))).port)
        same++;
    }
    expect(Math.abs(same - 1_000)).toBeLessThanOrEqual(100);
    expect((await split.run(unsalted, ctx('lead-7', 'n1'))).output?.salt).toBe('n1');
  });
  it('never takes a 0% variant', async () => {
    const config = {
      variants: [
        { port: 'a', percent: 0 },
        { port: 'b', percent: 100 },
      ],
    };
    expect(await tally(config, sequentialIds.slice(0, 1_000))).toEqual({ b: 1_000 });
  });
  it('declares a port per variant', () => {
    const ports = split.ports as (config: SplitConfig) => Array<{ name: string; label?: string }>;
    expect(ports(fifty)).toEqual([
      { name: 'a', label: 'A', description: '50% of leads' },
      { name: 'b', label: 'B', description: '50% of leads' },
    ]);
  });
  it('refuses percentages that do not add up to 100 and repeated ports, naming the field', () => {
    expect(
      split.validate?.({
        variants: [
          { port: 'a', percent: 50 },
          { port: 'a', percent: 40 },
        ],
      }),
    ).toEqual([
      { path: 'variants[1].port', message: "port 'a' is used by an earlier variant" },
      { path: 'variants', message: 'percentages add up to 90; they must add up to 100' },
    ]);
    expect(split.validate?.(split.defaultConfig)).toEqual([]);
  });
});
