import type { LeadContext } from '@leadflow/engine';
import { appendLeadEvent } from '@leadflow/engine/db';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { testActivityContext } from '../shared/test-support/activity-context.js';
import { openTestDatabase, type TestDatabase } from '../shared/test-support/test-database.js';
import { scoreV2Activity } from './activity-v2.js';
import { type ScoreV2Config, scoreV2 } from './definition-v2.js';

const now = new Date('2025-06-01T12:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(now.getTime() - days * DAY);

let store: TestDatabase;
beforeAll(async () => {
  store = await openTestDatabase();
});
afterAll(() => store?.close());
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
interface Event {
  type: string;
  at: Date;
  data: Record<string, unknown>;
}

const event = (type: string, at: Date, data: Record<string, unknown> = {}): Event => ({ type, at, data });
const engagement = (at: Date): Event[] => [
  event('page_visited', at, { url: 'https://acme.io/pricing' }),
  event('page_visited', at, { url: 'https://acme.io/pricing' }),
  event('page_visited', at, { url: 'https://acme.io/pricing' }),
  event('webinar_attended', at),
];

/** A stored lead with these events in its mail. */
async function leadWith(events: readonly Event[]): Promise<LeadContext> {
  const lead = await store.lead({ isFreeEmail: false, companyDomain: 'acme.com', title: 'VP Sales' });
  for (const { type, at, data } of events)
    await appendLeadEvent(store.db, { lead_id: lead.id, type, data: JSON.stringify(data), occurred_at: at });
  return lead;
}

const score = async (events: readonly Event[], cfg: ScoreV2Config = config) =>
  scoreV2Activity.run(cfg, testActivityContext({ lead: await leadWith(events), db: store.db }));

describe('score v2 activity', () => {
  it("reads only this lead's events, and only of the rules' types", async () => {
    // Another lead's fresh webinar and this lead's email opens must not count.
    await leadWith([event('webinar_attended', ago(1))]);
    const outcome = await score([...engagement(ago(7)), event('email_opened', ago(1)), event('email_opened', ago(1))]);
    expect(outcome.output).toMatchObject({ eventsRead: 4, eventsLimited: false });
    expect(outcome.patch).toMatchObject({ intentScore: 57 });
  });

  it('moves the lead from tier 2 to tier 1 when the same events are a week old instead of 18 months', async () => {
    const stale = await score(engagement(new Date('2023-12-01T12:00:00Z')));
    const fresh = await score(engagement(ago(7)));
    expect(stale.patch).toEqual({ fitScore: 60, intentScore: 0, score: 60, tier: 2, mql: true, sql: false });
    expect(fresh.patch).toEqual({ fitScore: 60, intentScore: 57, score: 117, tier: 1, mql: true, sql: true });
    expect(fresh).toMatchObject({
      port: 'out',
      reason:
        'fit 60, intent 57, total 117 → tier 1; business email +30, VP or director +30, pricing page ×3 +31.8, webinar ×1 +25.5',
      output: { scoredAt: '2025-06-01T12:00:00.000Z', eventsRead: 4, eventsLimited: false },
    });
    expect((fresh.output as { fired: unknown[] }).fired).toHaveLength(4);
  });

  it('scores the newest 500 events when a lead has more, and says it was limited', async () => {
    // 600 pricing visits, one an hour: the oldest 100 are left out, and they would have added almost nothing.
    const rows = Array.from({ length: 600 }, (_, i) =>
      event('page_visited', new Date(now.getTime() - i * 3_600_000), { url: '/pricing' }),
    );
    const cfg: ScoreV2Config = {
      ...config,
      eventRules: [
        { label: 'pricing page', event: 'page_visited', urlContains: '/pricing', points: 1, halfLife: '1d' },
      ],
    };
    const outcome = await score(rows, cfg);
    expect(outcome.output).toMatchObject({ eventsRead: 500, eventsLimited: true });
    expect((outcome.output as { fired: unknown[] }).fired.at(-1)).toMatchObject({
      label: 'pricing page',
      occurrences: 500,
      matched: 500,
    });
    // Newest first: the hour-old visits are in, the 25-day-old ones are not.
    const everything = Array.from({ length: 600 }, (_, i) => 0.5 ** (i / 24)).reduce((a, b) => a + b, 0);
    expect(outcome.patch?.intentScore).toBe(Math.round(everything));
  });

  it('reads no events when there are no event rules, and scores as v1', async () => {
    const outcome = await score(engagement(now), { ...config, eventRules: [] });
    expect(outcome.patch).toMatchObject({ fitScore: 60, intentScore: 0, tier: 2 });
    expect(outcome.output).toMatchObject({ eventsRead: 0 });
  });
});
