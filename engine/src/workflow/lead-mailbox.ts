import { applyLeadPatch, type LeadPatch } from '../lead/lead-context.js';
import type { LeadEvent } from '../lead/lead-event.js';
import type { ResumeState } from './lead-run.js';

/**
 * Unconsumed events kept per type and in all. The inbox is carried across continue-as-new, so it
 * must stay small however many events a lead receives during one wait; the counts in
 * `lead.events` keep every event, and Postgres keeps the events themselves. A wait takes the
 * oldest pending event of its types, so the oldest are the ones kept.
 */
export const INBOX_PER_TYPE = 20;
export const INBOX_MOST = 200;

/** How many ids of events delivered as data signals are remembered to drop a second delivery. */
export const REMEMBERED_EVENT_IDS = 500;

/**
 * Takes one event into the run: counts it, keeps it for a wait to consume, and applies what it
 * changes on the lead (a resubmission's merged fields). Returns false for one already taken.
 * `capped` is off for runs from before event mail, whose inbox was never capped (replay).
 */
export function receiveEvent(state: ResumeState, event: LeadEvent, capped: boolean): boolean {
  if (state.seenEventIds.includes(event.id)) return false;
  // Only runs from before event mail get events by id; mail is deduplicated by sequence number.
  if (!capped || state.eventSeq === undefined) {
    state.seenEventIds.push(event.id);
    if (state.seenEventIds.length > REMEMBERED_EVENT_IDS) state.seenEventIds.shift();
  }
  state.lead = {
    ...state.lead,
    events: { ...state.lead.events, [event.type]: (state.lead.events[event.type] ?? 0) + 1 },
  };
  if (capped) {
    const patch = event.type === 'resubmitted' ? (event.data?.patch as LeadPatch | undefined) : undefined;
    if (patch) state.lead = applyLeadPatch(state.lead, patch);
    const ofType = state.inbox.filter((pending) => pending.type === event.type).length;
    if (ofType >= INBOX_PER_TYPE || state.inbox.length >= INBOX_MOST) return true;
  }
  state.inbox.push(event);
  return true;
}
