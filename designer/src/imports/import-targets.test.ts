import { describe, expect, it } from 'vitest';
import { customTarget } from './import-targets';

describe('custom import targets', () => {
  it('names custom fields as identifiers', () => {
    expect(customTarget('Plan tier')).toBe('custom.Plan_tier');
    expect(customTarget('2026 budget')).toBe('custom._2026_budget');
  });
});
