import { describe, expect, it } from 'vitest';
import { pickRoundRobin } from './activity.js';

const reps = [
  { id: 'a', name: 'Ann', active: true },
  { id: 'b', name: 'Bob', active: false },
  { id: 'c', name: 'Cy', active: true },
];

describe('pickRoundRobin', () => {
  it('starts at the first rep and moves on from the last one chosen', () => {
    expect(pickRoundRobin(reps, null).chosen?.id).toBe('a');
    expect(pickRoundRobin(reps, 'c').chosen?.id).toBe('a');
  });
  it('skips inactive reps and says why', () => {
    const { chosen, candidates } = pickRoundRobin(reps, 'a');
    expect(chosen?.id).toBe('c');
    expect(candidates).toEqual([
      { repId: 'b', name: 'Bob', skipped: 'inactive' },
      { repId: 'c', name: 'Cy', chosen: true },
    ]);
  });
  it('continues after a rep that has since left the team', () => {
    expect(pickRoundRobin(reps, 'gone').chosen?.id).toBe('a');
  });
  it('returns nobody when no rep is active', () => {
    expect(pickRoundRobin([{ id: 'b', name: 'Bob', active: false }], null)).toEqual({
      chosen: null,
      candidates: [{ repId: 'b', name: 'Bob', skipped: 'inactive' }],
    });
  });
});
