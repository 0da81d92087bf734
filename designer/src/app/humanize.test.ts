import { describe, expect, it } from 'vitest';
import { humanize, showValue } from './humanize';

describe('humanize', () => {
  it('turns field keys into words, keeping acronyms and dropping an id suffix', () => {
    expect(humanize('accountOwnerId')).toBe('Account owner');
    expect(humanize('mql')).toBe('MQL');
    expect(humanize('custom.budget_range')).toBe('Budget range');
    expect(humanize('isFreeEmail')).toBe('Is free email');
    expect(humanize('id')).toBe('ID');
  });

  it('shows values without JSON', () => {
    expect(showValue(true)).toBe('yes');
    expect(showValue(['DE', 'AT'])).toBe('DE, AT');
    expect(showValue({ minEmployees: 50 })).toBe('Min employees: 50');
    expect(showValue(null)).toBe('—');
  });
});
