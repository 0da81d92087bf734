import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testActivityContext, testLead } from '../shared/test-support/activity-context.js';
import { scoreV2Activity } from './activity-v2.js';
import { type ScoreV2Config, scoreV2 } from './definition-v2.js';
import { type FakeLeadEvent, fakeLeadEventsDb } from './test-support/fake-lead-events-db.js';

const now = new Date('2025-06-01T12:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(now.getTime() - days * DAY);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
});
afterEach(() => vi.useRealTimers());

const config: ScoreV2Config = {
  ...scoreV2.defaultConfig,
  fitRules: [
    { label: 'business email', when: 'isFreeEmail == false', points: 30 },
    { label: 'VP or director', when: 'contains(title, "vp") or contains(title, "director")', points: 30 },
  ],
  eventRules: [
    { label: 'pricing page', event: 'page_visited', urlContains: '/pricing', points: 15, halfLife: '14d', maxCount: 3 },
    { label: 'webinar', event: 'webinar_attended', points: 30, halfLife: '30d' },
    { label: 'pricing again', event: 'page_visited', urlContains: '/pricing/compare', points: 5, halfLife: '7d' },
  ],
};
const lead = testLead({ isFreeEmail: false, companyDomain: 'acme.com', title: 'VP Sales' });

const event = (type: string, at: Date, data: Record<string, unknown> = {}, leadId = 'lead-1'): FakeLeadEvent => ({ lead_id: leadId, type, data, occurred_at: at });
const engagement = (at: Date): FakeLeadEvent[] => [
  event('page_visited', at, { url: 'https://acme.io/pricing' }),
  event('page_visited', at, { url: 'https://acme.io/pricing' }),
  event('page_visited', at, { url: 'https://acme.io/pricing' }),
  event('webinar_attended', at),
];
const run = (rows: FakeLeadEvent[], cfg: ScoreV2Config = config) => {
  const fake = fakeLeadEventsDb(rows);
  return { fake, outcome: scoreV2Activity.run(cfg, testActivityContext({ lead, db: fake.db })) };
};

describe('score v2 activity', () => {
  it('reads only this lead\'s events of the rules\' types, newest first and bounded, in one query', async () => {
    const { fake, outcome } = run([...engagement(ago(7)), event('email_opened', ago(1)), event('webinar_attended', ago(1), {}, 'lead-2')]);
    await outcome;
    expect(fake.queries).toEqual([
      {
        table: 'lead_events',
        columns: ['type', 'data', 'occurred_at'],
        where: [['lead_id', '=', 'lead-1'], ['type', 'in', ['page_visited', 'webinar_attended']]],
        orderBy: ['occurred_at', 'desc'],
        limit: 500,
      },
    ]);
  });

  it('moves the lead from tier 2 to tier 1 when the same events are a week old instead of 18 months', async () => {
    const stale = await run(engagement(new Date('2023-12-01T12:00:00Z'))).outcome;
    const fresh = await run(engagement(ago(7))).outcome;
    expect(stale.patch).toEqual({ fitScore: 60, intentScore: 0, score: 60, tier: 2, mql: true, sql: false });
    expect(fresh.patch).toEqual({ fitScore: 60, intentScore: 57, score: 117, tier: 1, mql: true, sql: true });
    expect(fresh).toMatchObject({
      port: 'out',
      reason: 'fit 60, intent 57, total 117 → tier 1; business email +30, VP or director +30, pricing page ×3 +31.8, webinar ×1 +25.5',
      output: { scoredAt: '2025-06-01T12:00:00.000Z', eventsRead: 4, eventsLimited: false },
    });
    expect((fresh.output as { fired: unknown[] }).fired).toHaveLength(4);
  });

  it('scores the newest 500 events when a lead has more, and says it was limited', async () => {
    // 600 pricing visits, one an hour: the oldest 100 are left out, and they would have added almost nothing.
    const rows = Array.from({ length: 600 }, (_, i) => event('page_visited', new Date(now.getTime() - i * 3_600_000), { url: '/pricing' }));
    const cfg: ScoreV2Config = { ...config, eventRules: [{ label: 'pricing page', event: 'page_visited', urlContains: '/pricing', points: 1, halfLife: '1d' }] };
    const outcome = await run(rows, cfg).outcome;
    expect(outcome.output).toMatchObject({ eventsRead: 500, eventsLimited: true });
    expect((outcome.output as { fired: unknown[] }).fired.at(-1)).toMatchObject({ label: 'pricing page', occurrences: 500, matched: 500 });
    // Newest first: the hour-old visits are in, the 25-day-old ones are not.
    const everything = Array.from({ length: 600 }, (_, i) => 0.5 ** (i / 24)).reduce((a, b) => a + b, 0);
    expect(outcome.patch?.intentScore).toBe(Math.round(everything));
  });

  it('runs no query when there are no event rules, and scores as v1', async () => {
    const { fake, outcome } = run(engagement(now), { ...config, eventRules: [] });
    expect((await outcome).patch).toMatchObject({ fitScore: 60, intentScore: 0, tier: 2 });
    expect(fake.queries).toEqual([]);
  });
});
