import { describe, expect, it } from 'vitest';
import { type BusinessTimeOptions, nextBusinessTime, parseClockTime } from './business-time.js';

const NY = 'America/New_York';

function next(
  from: string,
  opts: Partial<BusinessTimeOptions> & Pick<BusinessTimeOptions, 'rule' | 'timeZone'>,
): string {
  return nextBusinessTime(new Date(from), { time: '09:00', closeTime: '17:00', ...opts }).toISOString();
}

describe('nextBusinessTime: next_business_day', () => {
  const day = (from: string, timeZone = NY, extra: Partial<BusinessTimeOptions> = {}): string =>
    next(from, { rule: 'next_business_day', timeZone, ...extra });

  it('goes from Friday evening to Monday morning', () => {
    // Fri 2026-11-20 18:30 EST → Mon 2026-11-23 09:00 EST
    expect(day('2026-11-20T23:30:00Z')).toBe('2026-11-23T14:00:00.000Z');
  });
  it('is the next day even before opening on a business day', () => {
    // Mon 2026-11-23 08:00 EST → Tue 09:00 EST
    expect(day('2026-11-23T13:00:00Z')).toBe('2026-11-24T14:00:00.000Z');
  });
  it('crosses the March change: Friday EST to Monday EDT', () => {
    // Fri 2026-03-06 18:00 EST; the clocks go forward on Sun 03-08; Mon 09:00 EDT is 13:00Z.
    expect(day('2026-03-06T23:00:00Z')).toBe('2026-03-09T13:00:00.000Z');
  });
  it('crosses the November change: Friday EDT to Monday EST', () => {
    // Fri 2026-10-30 17:30 EDT; the clocks go back on Sun 11-01; Mon 09:00 EST is 14:00Z.
    expect(day('2026-10-30T21:30:00Z')).toBe('2026-11-02T14:00:00.000Z');
  });
  it('opens on the day of a change when that day is a business day', () => {
    const everyDay = { businessDays: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const };
    // Sat 2026-03-07 12:00 EST → Sun 03-08 09:00, already EDT.
    expect(day('2026-03-07T17:00:00Z', NY, everyDay)).toBe('2026-03-08T13:00:00.000Z');
    // Opening at 02:30, a time that does not exist on 03-08, moves to 03:30 EDT.
    expect(day('2026-03-07T17:00:00Z', NY, { ...everyDay, time: '02:30' })).toBe('2026-03-08T07:30:00.000Z');
    // Sat 2026-10-31 12:00 EDT → Sun 11-01 09:00, already EST.
    expect(day('2026-10-31T16:00:00Z', NY, everyDay)).toBe('2026-11-01T14:00:00.000Z');
  });
  it('reads "today" in the zone, not in UTC', () => {
    // 2026-03-06T02:00Z is Friday in UTC but Thursday 21:00 in New York → Friday 09:00.
    expect(day('2026-03-06T02:00:00Z')).toBe('2026-03-06T14:00:00.000Z');
  });
  it('works at a half-hour offset: Asia/Kolkata', () => {
    // Wed 2026-06-10 20:00 IST → Thu 09:00 IST (03:30Z)
    expect(day('2026-06-10T14:30:00Z', 'Asia/Kolkata')).toBe('2026-06-11T03:30:00.000Z');
    // Fri 2026-06-12 19:00 IST → Mon 06-15 09:30 IST
    expect(day('2026-06-12T13:30:00Z', 'Asia/Kolkata', { time: '09:30' })).toBe('2026-06-15T04:00:00.000Z');
  });
  it('honours other business weeks', () => {
    // Sunday to Thursday: Thu 2026-06-11 18:00 in Dubai → Sun 06-14 08:00 (+04:00).
    expect(
      day('2026-06-11T14:00:00Z', 'Asia/Dubai', { businessDays: ['sun', 'mon', 'tue', 'wed', 'thu'], time: '08:00' }),
    ).toBe('2026-06-14T04:00:00.000Z');
  });
});

describe('nextBusinessTime: next_business_hour', () => {
  const hour = (from: string, timeZone = NY): string => next(from, { rule: 'next_business_hour', timeZone });

  it('is now when inside business hours', () => {
    expect(hour('2026-11-23T15:15:00Z')).toBe('2026-11-23T15:15:00.000Z');
    expect(hour('2026-11-23T14:00:00Z')).toBe('2026-11-23T14:00:00.000Z'); // 09:00 sharp is open
  });
  it("is today's opening before it", () => {
    expect(hour('2026-11-23T12:00:00Z')).toBe('2026-11-23T14:00:00.000Z');
  });
  it("is the next business day's opening from closing time on", () => {
    expect(hour('2026-11-23T22:00:00Z')).toBe('2026-11-24T14:00:00.000Z'); // 17:00 sharp is closed
  });
  it('goes from Friday evening and the weekend to Monday', () => {
    expect(hour('2026-11-20T23:30:00Z')).toBe('2026-11-23T14:00:00.000Z');
    expect(hour('2026-11-22T15:00:00Z')).toBe('2026-11-23T14:00:00.000Z');
  });
  it('opens and closes by the wall clock across the changes', () => {
    // Mon 2026-03-09 08:30 EDT (12:30Z) → 09:00 EDT; under EST rules it would already be open.
    expect(hour('2026-03-09T12:30:00Z')).toBe('2026-03-09T13:00:00.000Z');
    // Mon 2026-11-02 16:30 EST (21:30Z) is open; under EDT rules it would be closed.
    expect(hour('2026-11-02T21:30:00Z')).toBe('2026-11-02T21:30:00.000Z');
  });
  it('works in Asia/Kolkata', () => {
    expect(hour('2026-06-10T01:00:00Z', 'Asia/Kolkata')).toBe('2026-06-10T03:30:00.000Z'); // 06:30 IST → 09:00
    expect(hour('2026-06-10T05:00:00Z', 'Asia/Kolkata')).toBe('2026-06-10T05:00:00.000Z'); // 10:30 IST, open
    expect(hour('2026-06-10T11:30:00Z', 'Asia/Kolkata')).toBe('2026-06-11T03:30:00.000Z'); // 17:00 IST, closed
  });
});

describe('nextBusinessTime: bad options', () => {
  it('throws on what validation refuses', () => {
    expect(() => next('2026-11-23T12:00:00Z', { rule: 'next_business_day', timeZone: NY, time: '9am' })).toThrow(
      RangeError,
    );
    expect(() => next('2026-11-23T12:00:00Z', { rule: 'next_business_day', timeZone: NY, businessDays: [] })).toThrow(
      RangeError,
    );
    expect(() =>
      next('2026-11-23T12:00:00Z', { rule: 'next_business_hour', timeZone: NY, closeTime: '08:00' }),
    ).toThrow(RangeError);
  });
});

describe('parseClockTime', () => {
  it('reads HH:MM on a 24-hour clock only', () => {
    expect(parseClockTime('09:00')).toBe(540);
    expect(parseClockTime('23:59')).toBe(1439);
    expect(parseClockTime('00:00')).toBe(0);
    for (const bad of ['9:00', '24:00', '09:60', '9am', '09:00:00', ' 09:00', ''])
      expect(parseClockTime(bad)).toBeNull();
  });
});
