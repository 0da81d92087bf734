import { describe, expect, it } from 'vitest';
import { isMappable, leadCount, reasonInWords, reviewRows } from './migration-review';
import type { MigrationReport } from './migration-types';

const report = (byNode: MigrationReport['byNode']): MigrationReport => ({
  dryRun: true,
  fromVersion: 1,
  toVersion: 2,
  moves: [],
  blocked: [],
  byNode,
});

describe('reviewRows', () => {
  it('gives each old node one row: where its leads go, and who cannot move and why', () => {
    const rows = reviewRows(
      report([
        { from: 'await-contact', to: 'await-contact', leads: 3 },
        {
          from: 'nurture',
          to: null,
          leads: 4,
          reason: "the new version has no node 'nurture'; map it to one in nodeMap",
        },
        {
          from: 'await-contact',
          to: null,
          leads: 1,
          reason: 'it is running between nodes, not waiting; migrate once it waits',
        },
      ]),
    );
    expect(rows).toEqual([
      {
        from: 'await-contact',
        to: 'await-contact',
        moving: 3,
        blocked: [{ leads: 1, reason: 'it is running between nodes, not waiting; migrate once it waits' }],
      },
      {
        from: 'nurture',
        to: null,
        moving: 0,
        blocked: [{ leads: 4, reason: "the new version has no node 'nurture'; map it to one in nodeMap" }],
      },
    ]);
  });
});

describe('reasonInWords', () => {
  const labels: Record<string, string> = { nurture: 'Nurture for 90 days', alert: 'Alert the owner' };
  const label = (id: string) => labels[id] ?? null;

  it('names nodes by their labels and the node map by what the review offers', () => {
    expect(reasonInWords("the new version has no node 'nurture'; map it to one in nodeMap", label)).toBe(
      'the new version has no node “Nurture for 90 days”; choose a wait for them',
    );
    expect(
      reasonInWords("node 'alert' of the new version is a notify, not a wait; a waiting lead moves to a wait", label),
    ).toBe('node “Alert the owner” of the new version is a notify, not a wait; a waiting lead moves to a wait');
    expect(reasonInWords("the node map sends it to 'ghost', which the new version lacks", label)).toBe(
      "your choice sends it to 'ghost', which the new version lacks",
    );
  });

  it('tells the reasons a choice fixes from those it does not', () => {
    expect(isMappable("the new version has no node 'nurture'; map it to one in nodeMap")).toBe(true);
    expect(isMappable('it is running between nodes, not waiting; migrate once it waits')).toBe(false);
    expect(isMappable('its run refused: the lead moved on')).toBe(false);
    expect(leadCount(1)).toBe('1 lead');
    expect(leadCount(12)).toBe('12 leads');
  });
});
