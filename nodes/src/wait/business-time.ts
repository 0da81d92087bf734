import { addDays, type CivilDate, localDateTime, weekdayOf, zonedTime } from './time-zone.js';

/** Weekday codes, in `Date#getUTCDay` order (0 = Sunday). */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export type Weekday = (typeof WEEKDAYS)[number];

export const MONDAY_TO_FRIDAY: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/**
 * - `next_business_day`: the first business day after today (in the zone), at `time`.
 *   Monday 08:00 gives Tuesday `time`; Friday evening and the weekend give Monday `time`.
 * - `next_business_hour`: `from` itself when it falls within business hours (`time` up to,
 *   not including, `closeTime` on a business day); otherwise the next opening: today at
 *   `time` if that is still ahead, else the next business day at `time`.
 */
export type BusinessTimeRule = 'next_business_day' | 'next_business_hour';

export interface BusinessTimeOptions {
  rule: BusinessTimeRule;
  /** Opening time, "HH:MM" on a 24-hour clock. */
  time: string;
  /** Closing time, "HH:MM", later than `time`; read by `next_business_hour` only. */
  closeTime?: string;
  /** IANA time zone the times are in, e.g. America/New_York. */
  timeZone: string;
  /** @default MONDAY_TO_FRIDAY */
  businessDays?: readonly Weekday[];
}

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "09:30" → 570 minutes after midnight; null unless it is HH:MM on a 24-hour clock. */
export function parseClockTime(text: string): number | null {
  const match = CLOCK_TIME.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

function clockTime(text: string, name: string): number {
  const minutes = parseClockTime(text);
  if (minutes === null) throw new RangeError(`${name} '${text}' is not HH:MM`);
  return minutes;
}

/**
 * The next business time after (or, for `next_business_hour`, at) `from`, per `opts.rule`.
 * Pure date math in the zone's wall-clock time; correct across daylight-saving changes,
 * because each candidate day's opening is converted to an instant on its own.
 * Throws a RangeError on options that validation refuses (bad HH:MM, no business days).
 */
export function nextBusinessTime(from: Date, opts: BusinessTimeOptions): Date {
  const open = clockTime(opts.time, 'time');
  const days = new Set((opts.businessDays ?? MONDAY_TO_FRIDAY).map((day) => WEEKDAYS.indexOf(day)));
  if (days.size === 0) throw new RangeError('businessDays is empty');
  const isBusinessDay = (date: CivilDate): boolean => days.has(weekdayOf(date));
  const local = localDateTime(from, opts.timeZone);
  const today: CivilDate = { year: local.year, month: local.month, day: local.day };

  if (opts.rule === 'next_business_hour' && isBusinessDay(today)) {
    if (opts.closeTime === undefined) throw new RangeError('closeTime is required for next_business_hour');
    const close = clockTime(opts.closeTime, 'closeTime');
    if (close <= open) throw new RangeError(`closeTime ${opts.closeTime} is not after time ${opts.time}`);
    const opening = zonedTime(today, open, opts.timeZone);
    if (from < opening) return opening;
    if (from < zonedTime(today, close, opts.timeZone)) return from;
  }
  // Any non-empty set of weekdays recurs within 7 days; the 8th is a margin for a skipped date.
  for (let ahead = 1; ahead <= 8; ahead++) {
    const day = addDays(today, ahead);
    if (!isBusinessDay(day)) continue;
    const opening = zonedTime(day, open, opts.timeZone);
    if (opening > from) return opening;
  }
  throw new RangeError(`no business day within 8 days of ${from.toISOString()}`);
}
