import { describe, expect, it } from 'vitest';
import { formatLocal, isTimeZone, localDateTime, zonedTime, zoneOffsetMs } from './time-zone.js';

const HOUR = 3_600_000;

describe('time zones from Intl', () => {
  it('reads offsets, with daylight saving', () => {
    expect(zoneOffsetMs(Date.parse('2026-01-15T12:00:00Z'), 'America/New_York')).toBe(-5 * HOUR);
    expect(zoneOffsetMs(Date.parse('2026-07-15T12:00:00Z'), 'America/New_York')).toBe(-4 * HOUR);
    expect(zoneOffsetMs(Date.parse('2026-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * HOUR);
    expect(zoneOffsetMs(Date.parse('2026-07-15T12:34:56.789Z'), 'UTC')).toBe(0);
  });
  it('reads the wall clock, midnight as 00', () => {
    expect(localDateTime(new Date('2026-03-06T05:00:00Z'), 'America/New_York')).toEqual({
      year: 2026,
      month: 3,
      day: 6,
      hour: 0,
      minute: 0,
      second: 0,
      weekday: 5,
    });
  });
  it('turns a wall-clock time into an instant on either side of a change', () => {
    expect(zonedTime({ year: 2026, month: 3, day: 7 }, 9 * 60, 'America/New_York').toISOString()).toBe(
      '2026-03-07T14:00:00.000Z',
    );
    expect(zonedTime({ year: 2026, month: 3, day: 9 }, 9 * 60, 'America/New_York').toISOString()).toBe(
      '2026-03-09T13:00:00.000Z',
    );
    expect(zonedTime({ year: 2026, month: 6, day: 10 }, 9 * 60, 'Asia/Kolkata').toISOString()).toBe(
      '2026-06-10T03:30:00.000Z',
    );
  });
  it('moves a time skipped by spring-forward later by the gap', () => {
    // 2026-03-08: New York jumps from 02:00 EST to 03:00 EDT; 02:30 does not exist.
    expect(zonedTime({ year: 2026, month: 3, day: 8 }, 2 * 60 + 30, 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    expect(formatLocal(new Date('2026-03-08T07:30:00.000Z'), 'America/New_York')).toBe('Sun 2026-03-08 03:30');
  });
  it('takes the first of a time that happens twice at fall-back', () => {
    // 2026-11-01: New York goes from 02:00 EDT back to 01:00 EST; 01:30 happens twice.
    expect(zonedTime({ year: 2026, month: 11, day: 1 }, 60 + 30, 'America/New_York').toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    expect(zonedTime({ year: 2026, month: 11, day: 1 }, 3 * 60, 'America/New_York').toISOString()).toBe(
      '2026-11-01T08:00:00.000Z',
    );
  });
  it('knows real zone names only', () => {
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('Asia/Kolkata')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('EST5EDT6')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
