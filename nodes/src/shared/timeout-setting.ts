import { parseDuration } from '../wait/duration.js';

/** Why a per-call timeout such as "10s" cannot be used, or null. `maxMs` keeps it inside the activity's own time limit. */
export function timeoutProblem(text: string, maxMs: number): string | null {
  const ms = parseDuration(text);
  if (ms === null) return `'${text}' is not a duration; write e.g. 5s, 10s, 30s`;
  if (ms > maxMs) return `${text} is longer than the ${maxMs / 1000}s a call may take`;
  return null;
}
