import { describe, expect, it } from 'vitest';
import type { LeadContext } from '@leadflow/engine';
import { computeScore, describeScore } from './compute-score.js';
import { score } from './definition.js';

const config = {
  ...score.defaultConfig,
  fitRules: [
    { label: 'business email', when: 'isFreeEmail == false', points: 30 },
    { label: 'VP or director', when: 'contains(title, "vp") or contains(title, "director")', points: 30 },
    { label: 'student', when: 'contains(title, "student")', points: -50 },
  ],
  intentRules: [
    { label: 'demo request', when: 'source == "demo_request"', points: 60 },
    { label: 'pricing visits', when: 'events.page_visited >= 2', points: 20 },
  ],
};

function lead(fields: Partial<LeadContext>): LeadContext {
  return { id: 'l1', email: 'a@b.co', status: 'new', events: {}, custom: {}, ...fields } as LeadContext;
}

describe('computeScore', () => {
  it('puts high fit and high intent in tier 1, listing each rule and its points', () => {
    const result = computeScore(
      config,
      lead({ isFreeEmail: false, companyDomain: 'acme.com', title: 'VP Sales', source: 'demo_request' }),
    );
    expect(result).toMatchObject({ fit: 60, intent: 60, total: 120, tier: 1, mql: true, sql: true });
    expect(result.fired.map((r) => r.label)).toEqual(['business email', 'VP or director', 'demo request']);
    expect(describeScore(result)).toBe(
      'fit 60, intent 60, total 120 → tier 1; business email +30, VP or director +30, demo request +60',
    );
  });
  it('puts high fit and low intent in tier 2', () => {
    expect(
      computeScore(
        config,
        lead({ isFreeEmail: false, companyDomain: 'acme.com', title: 'Director IT', source: 'webinar' }),
      ).tier,
    ).toBe(2);
  });
  it('applies negative rules and puts low fit in tier 3', () => {
    const result = computeScore(
      config,
      lead({ isFreeEmail: false, companyDomain: 'uni.edu', title: 'PhD student', source: 'demo_request' }),
    );
    expect(result.fit).toBe(-20);
    expect(result.tier).toBe(3);
  });
  it('puts high intent with no fit data in tier 4', () => {
    const result = computeScore(
      config,
      lead({ isFreeEmail: true, source: 'demo_request', events: { page_visited: 3 } }),
    );
    expect(result).toMatchObject({ fitKnown: false, intent: 80, tier: 4 });
  });
});
