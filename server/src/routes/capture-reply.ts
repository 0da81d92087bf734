import type { Static } from 'typebox';
import type { CaptureResponse } from '../schemas/lead-schemas.js';
import type { CaptureResult } from '../services/lead-intake.js';

/** The status and body `POST /api/leads` answers a capture with; webhook intake answers alike. */
export function captureReply(result: CaptureResult): { status: 200 | 201 | 202; body: Static<typeof CaptureResponse> } {
  const assignment = result.assignment ? { owner: result.assignment.owner, timedOut: result.assignment.timedOut } : {};
  if (result.outcome === 'created') {
    return { status: result.started ? 201 : 202, body: { lead: result.lead, duplicate: false, replayed: false, started: result.started, ...assignment } };
  }
  if (result.outcome === 'duplicate') {
    return { status: 200, body: { lead: result.lead, duplicate: true, matchedOn: result.matchedOn, changes: result.changes, replayed: false, started: false, ...assignment } };
  }
  return { status: 200, body: { lead: result.lead, duplicate: false, replayed: true, started: false, ...assignment } };
}
