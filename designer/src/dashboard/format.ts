/** A duration for people: 45 s, 3.5 min, 2.1 h, 1.5 d; an em dash when nothing was measured. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${round1(seconds / 60)} min`;
  if (seconds < 86400) return `${round1(seconds / 3600)} h`;
  return `${round1(seconds / 86400)} d`;
}

/** A percentage the API computed (one decimal), or an em dash when there was nothing to divide. */
export function formatPct(pct: number | null): string {
  return pct === null ? '—' : `${pct}%`;
}

/** Minutes as the largest whole unit that fits: 90 min, 5 h, 3 d. */
export function formatMinutes(minutes: number): string {
  if (minutes < 120) return `${minutes} min`;
  if (minutes < 2 * 1440) return `${Math.floor(minutes / 60)} h`;
  return `${Math.floor(minutes / 1440)} d`;
}

/** Stage codes as labels. */
export const STAGE_LABELS: Readonly<Record<string, string>> = {
  new: 'New',
  mql: 'MQL',
  sql: 'SQL',
  meeting: 'Meeting',
  won: 'Won',
  disqualified: 'Disqualified',
};

export const stageLabel = (stage: string): string => STAGE_LABELS[stage] ?? stage;

/** YYYY-MM-DD of a date in UTC, as <input type="date"> and the API take it. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const round1 = (value: number): number => Math.round(value * 10) / 10;
