import type { ControlContext, LeadContext, WaitRequest } from '@leadflow/engine';
import { describe, expect, it } from 'vitest';
import { wait } from './definition.js';
import { type WaitV2Config, waitV2 } from './definition-v2.js';

/** What the fake engine does on the next `waitFor`: deliver an event after some time, or time out. */
interface Answer {
  type: string;
  afterMs: number;
  /** Changes the lead before the event is delivered, as the engine would. */
  then?: (lead: LeadContext) => void;
}

interface Harness {
  ctx: ControlContext;
  lead: LeadContext;
  requests: WaitRequest[];
  clock: () => Date;
}

function harness(options: { lead?: Partial<LeadContext>; now?: string; answers?: Answer[] } = {}): Harness {
  const lead = {
    id: 'l1',
    email: 'a@b.co',
    status: 'new',
    score: 50,
    ownerTimezone: null,
    events: {},
    custom: {},
    ...options.lead,
  } as LeadContext;
  const answers = [...(options.answers ?? [])];
  const requests: WaitRequest[] = [];
  let now = Date.parse(options.now ?? '2026-01-01T00:00:00Z');
  let seq = 0;
  const ctx: ControlContext = {
    lead,
    leadId: 'l1',
    nodeId: 'sla',
    visit: 1,
    now: () => new Date(now),
    waitFor: async (request) => {
      requests.push(request);
      const answer = answers.shift();
      const deadline =
        request.until?.getTime() ?? (request.timeoutMs === undefined ? undefined : now + request.timeoutMs);
      if (!answer || (deadline !== undefined && now + answer.afterMs >= deadline)) {
        if (deadline === undefined) throw new Error('test waits forever: script an answer');
        now = deadline;
        return null;
      }
      now += answer.afterMs;
      answer.then?.(lead);
      return { id: `e${++seq}`, type: answer.type, at: new Date(now).toISOString() };
    },
  };
  return { ctx, lead, requests, clock: () => new Date(now) };
}

const HOUR = 3_600_000;

describe('wait v2: what version 1 does', () => {
  it('runs duration and event waits exactly as version 1', async () => {
    const configs: Array<typeof wait.defaultConfig> = [
      { mode: 'duration', duration: '1h30m' },
      { mode: 'event', events: ['contacted'], timeout: '5m' },
      { mode: 'event', events: ['replied'] },
    ];
    for (const config of configs) {
      const v1 = harness({ answers: [{ type: config.events?.[0] ?? 'x', afterMs: 60_000 }] });
      const v2 = harness({ answers: [{ type: config.events?.[0] ?? 'x', afterMs: 60_000 }] });
      expect(await waitV2.run(config, v2.ctx)).toEqual(await wait.run(config, v1.ctx));
      expect(v2.requests).toEqual(v1.requests);
    }
  });
  it('accepts every version 1 config and declares the same ports', () => {
    const ports = waitV2.ports as (config: unknown) => Array<{ name: string }>;
    expect(waitV2.validate?.(wait.defaultConfig)).toEqual([]);
    expect(ports({ mode: 'event', events: ['contacted'], timeout: '5m' }).map((p) => p.name)).toEqual([
      'event',
      'timeout',
    ]);
    expect(ports({ mode: 'event', events: ['contacted'] }).map((p) => p.name)).toEqual(['event']);
    expect(ports({ mode: 'duration', duration: '1d' }).map((p) => p.name)).toEqual(['done']);
    expect(waitV2.validate?.({ mode: 'event', events: [], timeout: 'soon' }).map((i) => i.path)).toEqual([
      'events',
      'timeout',
    ]);
  });
});

describe('wait v2: event with a condition', () => {
  const config: WaitV2Config = { mode: 'event', events: ['replied'], timeout: '2d', condition: 'score >= 80' };

  it('leaves by "event" when the event arrives and the condition holds', async () => {
    const h = harness({ lead: { score: 90 }, answers: [{ type: 'replied', afterMs: HOUR }] });
    const outcome = await waitV2.run(config, h.ctx);
    expect(h.requests).toEqual([
      { events: ['replied'], timeoutMs: 48 * HOUR, description: 'replied while score >= 80, up to 2d' },
    ]);
    expect(outcome).toMatchObject({
      port: 'event',
      reason: 'replied arrived at 2026-01-01T01:00:00.000Z while score >= 80',
    });
  });
  it('keeps waiting, to the same deadline, when the event arrives but the condition does not hold', async () => {
    const h = harness({
      answers: [
        { type: 'replied', afterMs: HOUR },
        { type: 'replied', afterMs: 2 * HOUR, then: (lead) => (lead.score = 85) },
      ],
    });
    const outcome = await waitV2.run(config, h.ctx);
    expect(h.requests.map((r) => r.timeoutMs)).toEqual([48 * HOUR, 47 * HOUR]);
    expect(outcome).toMatchObject({
      port: 'event',
      output: { passedOver: 1 },
      reason:
        'replied arrived at 2026-01-01T03:00:00.000Z while score >= 80 (after passing over 1 while it did not hold)',
    });
  });
  it('times out at the original deadline when the condition never holds', async () => {
    const h = harness({
      answers: [
        { type: 'replied', afterMs: HOUR },
        { type: 'replied', afterMs: HOUR },
      ],
    });
    const outcome = await waitV2.run(config, h.ctx);
    expect(h.requests.map((r) => r.timeoutMs)).toEqual([48 * HOUR, 47 * HOUR, 46 * HOUR]);
    expect(h.clock().toISOString()).toBe('2026-01-03T00:00:00.000Z');
    expect(outcome).toMatchObject({
      port: 'timeout',
      reason: 'no replied while score >= 80 within 2d (2 arrived while it did not hold)',
    });
    expect(outcome.output?.lastPassedOver).toEqual([
      { id: 'e1', type: 'replied', at: '2026-01-01T01:00:00.000Z' },
      { id: 'e2', type: 'replied', at: '2026-01-01T02:00:00.000Z' },
    ]);
  });
  it('without a timeout, waits as long as it takes', async () => {
    const h = harness({
      answers: [
        { type: 'page_visited', afterMs: HOUR },
        { type: 'page_visited', afterMs: HOUR },
        { type: 'page_visited', afterMs: HOUR, then: (lead) => (lead.events = { page_visited: 3 }) },
      ],
    });
    const outcome = await waitV2.run(
      { mode: 'event', events: ['page_visited'], condition: 'events.page_visited >= 3' },
      h.ctx,
    );
    expect(h.requests.map((r) => r.timeoutMs)).toEqual([undefined, undefined, undefined]);
    expect(outcome.port).toBe('event');
  });
  it('treats an empty condition as none', async () => {
    const h = harness({ lead: { score: 0 }, answers: [{ type: 'replied', afterMs: HOUR }] });
    expect((await waitV2.run({ ...config, condition: '  ' }, h.ctx)).reason).toBe(
      'replied arrived at 2026-01-01T01:00:00.000Z',
    );
  });
  it('type-checks the condition', () => {
    expect(waitV2.validate?.({ ...config, condition: 'score + 1' })).toEqual([
      { path: 'condition', message: 'condition must be true or false, but this expression gives a number' },
    ]);
    expect(waitV2.validate?.({ ...config, condition: 'scor >= 80' })?.[0]).toMatchObject({
      path: 'condition',
      message: expect.stringMatching(/^unknown field 'scor'/),
    });
    expect(waitV2.summary?.(config)).toBe('until replied while score >= 80, up to 2d');
  });
});

describe('wait v2: until a business time', () => {
  const nextDay: WaitV2Config = { mode: 'until', at: 'next_business_day', time: '09:00', timezone: 'owner' };

  it("waits until the next business day in the owner's time zone, Friday evening to Monday", async () => {
    // Fri 2026-11-20 18:30 in New York
    const h = harness({ lead: { ownerTimezone: 'America/New_York' }, now: '2026-11-20T23:30:00Z' });
    const outcome = await waitV2.run(nextDay, h.ctx);
    expect(h.requests).toEqual([
      {
        events: [],
        until: new Date('2026-11-23T14:00:00Z'),
        description: 'next business day, Mon 2026-11-23 09:00 America/New_York',
      },
    ]);
    expect(outcome).toEqual({
      port: 'done',
      output: {
        until: '2026-11-23T14:00:00.000Z',
        timeZone: 'America/New_York',
        local: 'Mon 2026-11-23 09:00',
        waited: true,
      },
      reason: "waited until Mon 2026-11-23 09:00 America/New_York (owner's time zone)",
    });
  });
  it('falls back when the lead has no owner time zone, or an unknown one', async () => {
    const none = harness({ now: '2026-06-10T14:30:00Z' });
    expect((await waitV2.run({ ...nextDay, fallbackTimezone: 'Asia/Kolkata' }, none.ctx)).reason).toBe(
      'waited until Thu 2026-06-11 09:00 Asia/Kolkata (lead has no owner time zone; used the fallback)',
    );
    const unknown = harness({ lead: { ownerTimezone: 'Nowhere/Town' }, now: '2026-06-10T14:30:00Z' });
    expect((await waitV2.run(nextDay, unknown.ctx)).reason).toBe(
      "waited until Thu 2026-06-11 09:00 UTC (owner's time zone 'Nowhere/Town' is unknown; used the fallback)",
    );
  });
  it('uses a named time zone as it is', async () => {
    const h = harness({ lead: { ownerTimezone: 'America/New_York' }, now: '2026-06-10T14:30:00Z' });
    expect((await waitV2.run({ ...nextDay, timezone: 'Asia/Kolkata', time: '10:00' }, h.ctx)).reason).toBe(
      'waited until Thu 2026-06-11 10:00 Asia/Kolkata',
    );
  });
  it('does not wait within business hours, and waits for the opening outside them', async () => {
    const nextHour: WaitV2Config = {
      mode: 'until',
      at: 'next_business_hour',
      time: '09:00',
      closeTime: '17:00',
      timezone: 'owner',
    };
    const open = harness({ lead: { ownerTimezone: 'America/New_York' }, now: '2026-11-23T15:15:00Z' });
    expect(await waitV2.run(nextHour, open.ctx)).toMatchObject({
      port: 'done',
      output: { waited: false },
      reason: "within business hours at Mon 2026-11-23 10:15 America/New_York (owner's time zone); did not wait",
    });
    expect(open.requests).toEqual([]);
    const closed = harness({ lead: { ownerTimezone: 'America/New_York' }, now: '2026-11-23T22:00:00Z' });
    expect((await waitV2.run(nextHour, closed.ctx)).reason).toBe(
      "waited until Tue 2026-11-24 09:00 America/New_York (owner's time zone)",
    );
  });
  it('leaves by "done" and says when on the canvas', () => {
    expect((waitV2.ports as (config: unknown) => Array<{ name: string }>)(nextDay).map((p) => p.name)).toEqual([
      'done',
    ]);
    expect(waitV2.summary?.(nextDay)).toBe("next business day 09:00, owner's time zone");
    expect(waitV2.summary?.({ mode: 'until', at: 'next_business_hour', timezone: 'Europe/Berlin' })).toBe(
      'next business hour 09:00–17:00, Europe/Berlin',
    );
  });
  it('checks times, zones and days, naming each field', () => {
    expect(waitV2.validate?.(nextDay)).toEqual([]);
    expect(waitV2.validate?.({ mode: 'until' })).toEqual([
      { path: 'at', message: 'choose next_business_day or next_business_hour' },
    ]);
    expect(
      waitV2.validate?.({
        mode: 'until',
        at: 'next_business_day',
        time: '9am',
        closeTime: '25:00',
        timezone: 'Mars/Olympus_Mons',
        fallbackTimezone: 'Nowhere',
        businessDays: [],
      }),
    ).toEqual([
      { path: 'time', message: "'9am' is not a time; write HH:MM on a 24-hour clock, e.g. 09:00 or 17:30" },
      { path: 'closeTime', message: "'25:00' is not a time; write HH:MM on a 24-hour clock, e.g. 09:00 or 17:30" },
      {
        path: 'timezone',
        message: '\'Mars/Olympus_Mons\' is not a time zone; use "owner" or an IANA name such as America/New_York',
      },
      {
        path: 'fallbackTimezone',
        message: "'Nowhere' is not a time zone; use an IANA name such as Europe/London, or UTC",
      },
      { path: 'businessDays', message: 'name at least one business day' },
    ]);
    expect(waitV2.validate?.({ mode: 'until', at: 'next_business_hour', time: '18:00' })).toEqual([
      {
        path: 'closeTime',
        message: 'closes at 17:00, not after opening at 18:00; business hours must end on the day they start',
      },
    ]);
  });
});
