import { describe, expect, it } from 'vitest';
import { customTarget, importTargets, suggestMapping } from './import-targets';

const leadFields = ['email', 'firstName', 'lastName', 'company', 'title', 'phone', 'country', 'source', 'score', 'ownerId'].map((name) => ({ name, type: 'string' }));

describe('import targets', () => {
  it('offers the captured catalog fields and the capture-only ones, never computed fields', () => {
    const values = importTargets(leadFields).map((target) => target.value);
    expect(values).toContain('email');
    expect(values).toContain('utm.campaign');
    expect(values).not.toContain('score');
    expect(values).not.toContain('ownerId');
  });

  it('suggests fields by header spelling, each field once, and ignores the rest', () => {
    const targets = importTargets(leadFields);
    expect(suggestMapping(['E-mail Address', 'First Name', 'Surname', 'Company Name', 'Work Email', 'UTM Campaign', 'Plan'], targets)).toEqual({
      'E-mail Address': 'email',
      'First Name': 'firstName',
      Surname: 'lastName',
      'Company Name': 'company',
      'Work Email': null,
      'UTM Campaign': 'utm.campaign',
      Plan: null,
    });
  });

  it('names custom fields as identifiers', () => {
    expect(customTarget('Plan tier')).toBe('custom.Plan_tier');
    expect(customTarget('2026 budget')).toBe('custom._2026_budget');
  });
});
