import { describe, expect, it } from 'vitest';
import { testLead } from '../shared/test-support/activity-context.js';
import { computeScore } from './compute-score.js';
import { computeScoreV2, describeScoreV2 } from './compute-score-v2.js';
import { type ScoreV2Config, scoreV2 } from './definition-v2.js';
import type { ScoreEvent } from './event-rules.js';

const now = new Date('2025-06-01T12:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(now.getTime() - days * DAY);
const EIGHTEEN_MONTHS_AGO = new Date('2023-12-01T12:00:00Z');

const config: ScoreV2Config = {
  ...scoreV2.defaultConfig,
  fitRules: [
    { label: 'business email', when: 'isFreeEmail == false', points: 30 },
    { label: 'VP or director', when: 'contains(title, "vp") or contains(title, "director")', points: 30 },
  ],
  intentRules: [{ label: 'demo request', when: 'source == "demo_request"', points: 60 }],
  eventRules: [
    { label: 'pricing page', event: 'page_visited', urlContains: '/pricing', points: 15, halfLife: '14d', maxCount: 3 },
    { label: 'webinar', event: 'webinar_attended', points: 30, halfLife: '30d' },
  ],
};
const vp = testLead({ isFreeEmail: false, companyDomain: 'acme.com', title: 'VP Sales', source: 'webinar' });

const visit = (url: string, at: Date): ScoreEvent => ({ type: 'page_visited', at, data: { url } });
/** Three pricing visits and a webinar, all at `at`, with noise the rules must ignore. */
const engagement = (at: Date): ScoreEvent[] => [
  visit('https://acme.io/pricing', at),
  visit('https://acme.io/Pricing?plan=team', at),
  visit('https://acme.io/pricing/enterprise', at),
  visit('https://acme.io/blog/why-scoring', at),
  { type: 'webinar_attended', at, data: {} },
  { type: 'email_opened', at, data: {} },
];

describe('computeScoreV2', () => {
  it('moves a high-fit lead from tier 2 to tier 1 when the same events are a week old instead of 18 months', () => {
    const stale = computeScoreV2(config, vp, engagement(EIGHTEEN_MONTHS_AGO), now);
    const fresh = computeScoreV2(config, vp, engagement(ago(7)), now);
    expect(stale).toMatchObject({ fit: 60, intent: 0, total: 60, tier: 2, mql: true, sql: false });
    expect(fresh).toMatchObject({ fit: 60, intent: 57, total: 117, tier: 1, mql: true, sql: true });
    expect(fresh.fired.slice(2)).toEqual([
      {
        kind: 'intent',
        label: 'pricing page',
        event: 'page_visited',
        points: 15,
        occurrences: 3,
        matched: 3,
        decayedPoints: 31.8,
      },
      {
        kind: 'intent',
        label: 'webinar',
        event: 'webinar_attended',
        points: 30,
        occurrences: 1,
        matched: 1,
        decayedPoints: 25.5,
      },
    ]);
    expect(describeScoreV2(fresh)).toBe(
      'fit 60, intent 57, total 117 → tier 1; business email +30, VP or director +30, pricing page ×3 +31.8, webinar ×1 +25.5',
    );
    expect(describeScoreV2(stale)).toBe(
      'fit 60, intent 0, total 60 → tier 2; business email +30, VP or director +30, pricing page ×3 +0.0, webinar ×1 +0.0',
    );
  });

  it('scores a v1 config exactly as v1 does', () => {
    const { eventRules: _, ...v1Config } = config;
    const lead = testLead({
      isFreeEmail: false,
      companyDomain: 'acme.com',
      title: 'Director IT',
      source: 'demo_request',
    });
    expect(computeScoreV2(v1Config, lead, engagement(now), now)).toEqual(computeScore(v1Config, lead));
  });

  it('adds condition and event intent, rounding only the total', () => {
    // 15 halved twice = 3.75, and 30 halved twice = 7.5: 11.25 in all is 11, where rounding each rule first would give 4 + 8.
    const events = [visit('/pricing', ago(28)), { type: 'webinar_attended', at: ago(60) }];
    const result = computeScoreV2(config, vp, events, now);
    expect(result.intent).toBe(11);
    expect(result.fired.map((rule) => ('event' in rule ? rule.decayedPoints : rule.points))).toEqual([
      30, 30, 3.8, 7.5,
    ]);
    expect(computeScoreV2(config, testLead({ ...vp, source: 'demo_request' }), events, now).intent).toBe(71);
  });

  it('counts only the most recent maxCount occurrences, whatever order the events come in', () => {
    const events = [
      visit('/pricing', ago(28)),
      visit('/pricing', ago(0)),
      visit('/pricing', ago(42)),
      visit('/pricing', ago(14)),
      visit('/pricing', ago(56)),
    ];
    const result = computeScoreV2(config, vp, events, now);
    // The newest three: 15 + 7.5 + 3.75.
    expect(result.fired[2]).toMatchObject({ label: 'pricing page', occurrences: 3, matched: 5, decayedPoints: 26.3 });
    expect(result.intent).toBe(26);
    expect(describeScoreV2(result)).toContain('pricing page ×3 (of 5) +26.3');
  });

  it('matches urlContains in any case, and never an event without a URL', () => {
    const events: ScoreEvent[] = [
      visit('/PRICING', now),
      { type: 'page_visited', at: now, data: { path: '/pricing' } },
      { type: 'page_visited', at: now, data: null },
    ];
    expect(computeScoreV2(config, vp, events, now).fired[2]).toMatchObject({ occurrences: 1, decayedPoints: 15 });
  });

  it('counts future-dated events fully and leaves out events whose time cannot be read', () => {
    const events: ScoreEvent[] = [
      { type: 'webinar_attended', at: '2025-06-03T00:00:00Z' },
      { type: 'webinar_attended', at: 'yesterday' },
    ];
    expect(computeScoreV2(config, vp, events, now).fired[2]).toMatchObject({
      label: 'webinar',
      occurrences: 1,
      decayedPoints: 30,
    });
  });

  it('lets a negative event rule fade too', () => {
    const cfg: ScoreV2Config = {
      ...config,
      eventRules: [{ label: 'unsubscribed', event: 'unsubscribed', points: -40, halfLife: '1w' }],
    };
    const result = computeScoreV2(cfg, vp, [{ type: 'unsubscribed', at: ago(7) }], now);
    expect(result).toMatchObject({ intent: -20, total: 40, tier: 2, mql: false });
    expect(describeScoreV2(result)).toContain('unsubscribed ×1 -20.0');
  });

  it('puts high intent from events with no fit data in tier 4', () => {
    const result = computeScoreV2(config, testLead({ isFreeEmail: true }), engagement(ago(1)), now);
    expect(result).toMatchObject({ fitKnown: false, fit: 0, tier: 4 });
    expect(describeScoreV2(result)).toMatch(/^fit 0, intent \d+, total \d+ → tier 4 \(no fit data\); pricing page ×3/);
  });

  it('says so when no rule fired', () => {
    expect(describeScoreV2(computeScoreV2(config, testLead(), [], now))).toBe(
      'fit 0, intent 0, total 0 → tier 3 (no fit data); no rule fired',
    );
  });

  it('refuses a half-life validate would have refused, naming the field', () => {
    const cfg: ScoreV2Config = {
      ...config,
      eventRules: [{ label: 'webinar', event: 'webinar_attended', points: 30, halfLife: 'soon' }],
    };
    expect(() => computeScoreV2(cfg, vp, [], now)).toThrow("eventRules[0].halfLife: 'soon' is not a duration");
  });
});
