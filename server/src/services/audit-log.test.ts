import { describe, expect, it } from 'vitest';
import { changedFields } from './audit-log.js';

describe('changedFields', () => {
  const before = {
    id: 'r1',
    name: 'Ava',
    capacity: 25,
    skills: ['smb'],
    workingHours: null,
    updatedAt: '2026-01-01T00:00:00Z',
  };

  it('lists each changed field with its old and new value', () => {
    const after = { ...before, name: 'Ava Patel', capacity: null, updatedAt: '2026-02-01T00:00:00Z' };
    expect(changedFields(before, after)).toEqual({
      name: { from: 'Ava', to: 'Ava Patel' },
      capacity: { from: 25, to: null },
    });
  });

  it('compares arrays and objects by value, not by identity', () => {
    expect(changedFields(before, { ...before, skills: ['smb'] })).toEqual({});
    expect(changedFields(before, { ...before, skills: ['smb', 'enterprise'] })).toEqual({
      skills: { from: ['smb'], to: ['smb', 'enterprise'] },
    });
    expect(changedFields(before, { ...before, workingHours: { mon: ['09:00', '17:00'] } })).toEqual({
      workingHours: { from: null, to: { mon: ['09:00', '17:00'] } },
    });
  });

  it('leaves out the fields it is told to ignore (updatedAt by default)', () => {
    expect(changedFields(before, { ...before, updatedAt: 'later' })).toEqual({});
    expect(changedFields(before, { ...before, name: 'B', capacity: 3 }, ['name'])).toEqual({
      capacity: { from: 25, to: 3 },
    });
  });

  it('reports a field the old view lacked as coming from null', () => {
    expect(changedFields({ a: 1 }, { a: 1, b: 2 })).toEqual({ b: { from: null, to: 2 } });
  });
});
