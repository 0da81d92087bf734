import type { LeadContext } from '@leadflow/engine';
import { describe, expect, it } from 'vitest';
import { localTime, type RepForRouting, unavailableBecause } from './availability.js';
import { pickRep, type PickState } from './pick-strategy.js';
import { findTerritory } from './territory-match.js';

function rep(id: string, fields: Partial<RepForRouting> = {}): RepForRouting {
  return {
    id,
    name: id.toUpperCase(),
    active: true,
    timezone: 'UTC',
    capacity: null,
    weight: 1,
    working_hours: null,
    out_of_office: [],
    skills: [],
    languages: [],
    ...fields,
  };
}
const rules = { respectWorkingHours: true, respectCapacity: true, requireSkills: [], requireLanguages: [] };
const monday10utc = new Date('2026-11-23T10:00:00Z');

describe('unavailableBecause', () => {
  it('says why a rep cannot take a lead', () => {
    expect(unavailableBecause(rep('a', { active: false }), 0, rules, monday10utc)).toBe('inactive');
    expect(
      unavailableBecause(
        rep('a', { out_of_office: [{ from: '2026-11-20T00:00:00Z', until: '2026-11-30T00:00:00Z', note: 'holiday' }] }),
        0,
        rules,
        monday10utc,
      ),
    ).toBe('out of office until 2026-11-30 (holiday)');
    expect(unavailableBecause(rep('a', { capacity: 25 }), 25, rules, monday10utc)).toBe('at capacity 25/25');
    expect(unavailableBecause(rep('a'), 0, { ...rules, requireSkills: ['enterprise'] }, monday10utc)).toBe(
      'lacks skill enterprise',
    );
    expect(
      unavailableBecause(rep('a', { languages: ['en'] }), 0, { ...rules, requireLanguages: ['de'] }, monday10utc),
    ).toBe('does not speak de');
  });
  it("reads working hours on the rep's own clock", () => {
    const hours = { mon: ['09:00', '17:00'] as [string, string] };
    // 10:00 UTC is 05:00 in New York and 11:00 in Berlin.
    expect(
      unavailableBecause(rep('ny', { timezone: 'America/New_York', working_hours: hours }), 0, rules, monday10utc),
    ).toBe('outside working hours (09:00–17:00, now mon 05:00 America/New_York)');
    expect(
      unavailableBecause(rep('be', { timezone: 'Europe/Berlin', working_hours: hours }), 0, rules, monday10utc),
    ).toBeNull();
    expect(
      unavailableBecause(
        rep('be', { timezone: 'Europe/Berlin', working_hours: { tue: ['09:00', '17:00'] } }),
        0,
        rules,
        monday10utc,
      ),
    ).toMatch(/off on mon/);
  });
  it('ignores hours and capacity when the node says so', () => {
    expect(
      unavailableBecause(
        rep('a', { capacity: 1, working_hours: {} }),
        5,
        { ...rules, respectWorkingHours: false, respectCapacity: false },
        monday10utc,
      ),
    ).toBeNull();
  });
  it('finds weekday and time across zones', () => {
    expect(localTime(new Date('2026-11-23T02:30:00Z'), 'America/Los_Angeles')).toEqual({
      weekday: 'sun',
      time: '18:30',
    });
  });
});

describe('pickRep', () => {
  const pool = [rep('a', { weight: 3 }), rep('b', { weight: 1 })];
  const all = new Set(['a', 'b']);

  function run(strategy: 'round_robin' | 'weighted_round_robin', times: number): Record<string, number> {
    let state: PickState = { lastRepId: null, weights: {} };
    const counts: Record<string, number> = {};
    for (let i = 0; i < times; i++) {
      const pick = pickRep(strategy, pool, all, new Map(), state);
      if (!pick) throw new Error('no pick');
      counts[pick.rep.id] = (counts[pick.rep.id] ?? 0) + 1;
      state = pick.state;
    }
    return counts;
  }

  it('weighted round robin gives 3:1 weights exactly 750/250 of 1,000', () => {
    expect(run('weighted_round_robin', 1000)).toEqual({ a: 750, b: 250 });
  });
  it('plain round robin ignores weights', () => {
    expect(run('round_robin', 1000)).toEqual({ a: 500, b: 500 });
  });
  it('least loaded picks the rep with fewest open leads, taking turns on ties', () => {
    const three = [rep('a'), rep('b'), rep('c')];
    const pick = pickRep(
      'least_loaded',
      three,
      new Set(['a', 'b', 'c']),
      new Map([
        ['a', 4],
        ['b', 2],
        ['c', 2],
      ]),
      { lastRepId: 'b', weights: {} },
    );
    expect(pick?.rep.id).toBe('c');
    expect(pick?.how).toBe('least loaded (2 open)');
  });
  it('returns null when nobody is available', () => {
    expect(pickRep('round_robin', pool, new Set(), new Map(), { lastRepId: null, weights: {} })).toBeNull();
  });
});

describe('findTerritory', () => {
  const lead = { country: 'DE', region: null, industry: 'Software', employees: 250 } as unknown as LeadContext;
  const territories = [
    { id: 'us', name: 'US', rules: { countries: ['US', 'CA'] }, team_id: 'na', rep_id: null },
    {
      id: 'emea-ent',
      name: 'EMEA enterprise',
      rules: { countries: ['DE', 'FR'], minEmployees: 1000 },
      team_id: 'emea-ent',
      rep_id: null,
    },
    {
      id: 'emea-mid',
      name: 'EMEA mid-market',
      rules: { countries: ['de', 'fr'], minEmployees: 100, maxEmployees: 999 },
      team_id: 'emea-mid',
      rep_id: null,
    },
  ];
  it('takes the first territory whose rules all hold, and says which', () => {
    expect(findTerritory(territories, lead)).toEqual({
      territory: territories[2],
      met: ['country DE', '250 employees'],
    });
  });
  it('does not match size rules when the size is unknown', () => {
    expect(findTerritory(territories.slice(1), { ...lead, employees: null })).toBeNull();
  });
});
