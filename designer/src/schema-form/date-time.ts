const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * An ISO date-time as `<input type="datetime-local">` shows it, in the browser's time zone:
 * `2025-03-01T08:30:00.000Z` → `2025-03-01T09:30` in Paris. Text that is no date stays as is.
 */
export function isoToLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** What `<input type="datetime-local">` gives (local time) → an ISO date-time in UTC; '' stays ''. */
export function localInputToIso(local: string): string {
  if (local === '') return '';
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}
