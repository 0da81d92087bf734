import { describe, expect, it } from 'vitest';
import { changesInWords, resubmittedChanges } from './event-words';

describe('changesInWords', () => {
  it('says what a resubmission set, changed and cleared, field by field in words', () => {
    expect(
      changesInWords({
        company: { from: null, to: 'Acme Corp' },
        phone: { from: '+14155550100', to: '+14155550199' },
        title: { from: 'VP Sales', to: null },
        'custom.plan': { from: '', to: 'pro' },
        employees: { from: 10, to: 250 },
      }),
    ).toEqual([
      'Company set to “Acme Corp”',
      'Phone changed from “+14155550100” to “+14155550199”',
      'Title cleared (was “VP Sales”)',
      'Plan set to “pro”',
      'Employees changed from 10 to 250',
    ]);
  });

  it('finds the changes in the event data, or none', () => {
    expect(resubmittedChanges({ touch: {}, changes: { company: { from: null, to: 'A' } } })).toEqual({
      company: { from: null, to: 'A' },
    });
    expect(resubmittedChanges({ touch: {} })).toBeNull();
    expect(resubmittedChanges({ changes: {} })).toBeNull();
  });
});
