/**
 * Wall-clock time in IANA time zones with nothing but `Intl.DateTimeFormat`, which the
 * workflow sandbox provides (no date library, no Node built-ins). Offsets are read from
 * Intl for each instant, so daylight-saving changes come from the runtime's tz database.
 */

/** A day on the calendar, with no time zone. `month` is 1–12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Wall-clock reading in a zone. `weekday` is 0 for Sunday … 6 for Saturday. */
export interface LocalDateTime extends CivilDate {
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const DAY_MS = 86_400_000;
const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

// Building a formatter is the slow part (it loads zone data); there are few zones in use.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    // h23 so midnight reads 00, not 24 as `hour12: false` gives in some runtimes.
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Whether Intl knows `name` as a time zone (e.g. America/New_York); Intl throws a RangeError on any other. */
export function isTimeZone(name: string): boolean {
  if (name.trim() === '') return false;
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The weekday of a calendar date, 0 = Sunday. */
export function weekdayOf(date: CivilDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** The calendar date `days` after `date` (calendar arithmetic; no zone involved). */
export function addDays(date: CivilDate, days: number): CivilDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

/** What a wall clock in `timeZone` shows at `at`. */
export function localDateTime(at: Date | number, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at))
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const date = { year: parts.year as number, month: parts.month as number, day: parts.day as number };
  return {
    ...date,
    hour: (parts.hour as number) % 24,
    minute: parts.minute as number,
    second: parts.second as number,
    weekday: weekdayOf(date),
  };
}

/** How far `timeZone`'s wall clock is ahead of UTC at instant `at`, in milliseconds (New York in winter: −5h). */
export function zoneOffsetMs(at: number, timeZone: string): number {
  const local = localDateTime(at, timeZone);
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return wall - Math.floor(at / 1000) * 1000;
}

/**
 * The instant a wall clock in `timeZone` shows `minutes` past midnight on `date`.
 * Around daylight-saving changes it resolves like `Temporal`'s "compatible" mode: a time
 * skipped by a spring-forward gap moves later by the gap (02:30 → 03:30), and a time that
 * happens twice in an autumn overlap is the first of the two.
 */
export function zonedTime(date: CivilDate, minutes: number, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
  // Offsets a day either side bracket any single transition near this wall time.
  const before = zoneOffsetMs(wall - DAY_MS, timeZone);
  const after = zoneOffsetMs(wall + DAY_MS, timeZone);
  const candidates = [before, zoneOffsetMs(wall, timeZone), after]
    .map((offset) => wall - offset)
    .filter((at) => at + zoneOffsetMs(at, timeZone) === wall);
  // No candidate: the time falls in a gap. The offset before the gap lands the same distance past it.
  return new Date(candidates.length ? Math.min(...candidates) : wall - before);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `Mon 2026-11-23 09:00`: how the step trail shows a local time. */
export function formatLocal(at: Date, timeZone: string): string {
  const local = localDateTime(at, timeZone);
  return `${WEEKDAY_NAMES[local.weekday]} ${local.year}-${pad(local.month)}-${pad(local.day)} ${pad(local.hour)}:${pad(local.minute)}`;
}
