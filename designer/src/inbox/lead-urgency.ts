import type { Lead } from '@leadflow/server/contract';

/** Most urgent first: leads whose SLA is due soonest, then the newest. */
export function byUrgency(a: Pick<Lead, 'run' | 'createdAt'>, b: Pick<Lead, 'run' | 'createdAt'>): number {
  const dueA = a.run.waiting?.until ? Date.parse(a.run.waiting.until) : Infinity;
  const dueB = b.run.waiting?.until ? Date.parse(b.run.waiting.until) : Infinity;
  if (dueA !== dueB) return dueA < dueB ? -1 : 1;
  return b.createdAt.localeCompare(a.createdAt);
}

/** "in 4 min", "due now" or "2 min overdue", to the minute. */
export function dueText(until: string, now: number): { text: string; overdue: boolean } {
  const minutes = Math.round((Date.parse(until) - now) / 60_000);
  if (minutes < 0) return { text: `${-minutes} min overdue`, overdue: true };
  return { text: minutes === 0 ? 'due now' : `in ${minutes} min`, overdue: false };
}
