import { DISQUALIFICATION_REASONS, REASON_LABELS } from '@leadflow/nodes';
import { Errors, type ProblemDetail } from '../errors.js';

/** What a rep reports about a lead they work: the events the inbox posts, validated by type. */
export const REP_OUTCOMES = ['contacted', 'meeting_booked', 'disqualified'] as const;

export type RepOutcome = (typeof REP_OUTCOMES)[number];

/** The outcomes and the disqualification reasons, as the inbox offers them. */
export const OUTCOME_CATALOG = {
  outcomes: [
    { type: 'contacted', label: 'Contacted' },
    { type: 'meeting_booked', label: 'Meeting booked' },
    { type: 'disqualified', label: 'Disqualified' },
  ],
  disqualificationReasons: DISQUALIFICATION_REASONS.map((code) => ({ code, label: REASON_LABELS[code] })),
} satisfies {
  outcomes: Array<{ type: RepOutcome; label: string }>;
  disqualificationReasons: Array<{ code: string; label: string }>;
};

const NOTE_MAX = 500;

/** The lead columns an outcome sets, in the transaction that records it. */
export interface OutcomeEffect {
  status: string;
  disqualificationReason?: string;
}

export const isRepOutcome = (type: string): type is RepOutcome => (REP_OUTCOMES as readonly string[]).includes(type);

/**
 * Checks an outcome's known fields (throwing a 400 that names each bad one under `data.`; other
 * fields, such as a dialer's call id, ride along untouched) and returns
 * what it does to the lead. A disqualification needs a reason from the known list, the same list
 * the disqualify node records, so the metrics group both alike; the note is free text.
 */
export function checkOutcome(type: RepOutcome, data: Record<string, unknown>): OutcomeEffect {
  const problems: ProblemDetail[] = [];
  if (data.note !== undefined && (typeof data.note !== 'string' || data.note.length > NOTE_MAX))
    problems.push({ path: 'data.note', message: `must be text of at most ${NOTE_MAX} characters` });
  if (
    type === 'meeting_booked' &&
    data.meetingAt !== undefined &&
    (typeof data.meetingAt !== 'string' || Number.isNaN(Date.parse(data.meetingAt)))
  ) {
    problems.push({ path: 'data.meetingAt', message: 'must be a date-time, e.g. 2026-12-03T15:00:00Z' });
  }
  if (type === 'disqualified') {
    const known = DISQUALIFICATION_REASONS.join(', ');
    if (data.reason === undefined || data.reason === '')
      problems.push({ path: 'data.reason', message: `is required to disqualify a lead: one of ${known}` });
    else if (!(DISQUALIFICATION_REASONS as readonly unknown[]).includes(data.reason))
      problems.push({
        path: 'data.reason',
        message: `'${String(data.reason)}' is not a known reason: one of ${known}`,
      });
  }
  if (problems.length > 0) throw Errors.invalidField(problems);
  return type === 'disqualified'
    ? { status: 'disqualified', disqualificationReason: data.reason as string }
    : { status: type };
}
