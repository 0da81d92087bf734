import type { Static } from 'typebox';
import type { CaptureResponse } from '../contract/leads.js';
import type { CaptureResult } from '../services/lead-intake.js';

/**
 * The status and body `POST /api/leads` answers a capture with; webhook intake answers alike.
 * Without `nameExistingOwner` (capture tokens: website code), a wait for assignment names the rep
 * only when this submission created the lead.
 */
export function captureReply(
  result: CaptureResult,
  nameExistingOwner = true,
): { status: 200 | 201 | 202; body: Static<typeof CaptureResponse> } {
  const named = nameExistingOwner || result.outcome === 'created';
  const routed = result.assignment && (named ? result.assignment : { owner: null, timedOut: false });
  const assignment = routed ? { owner: routed.owner, timedOut: routed.timedOut } : {};
  if (result.outcome === 'created') {
    return {
      status: result.started ? 201 : 202,
      body: { lead: result.lead, duplicate: false, replayed: false, started: result.started, ...assignment },
    };
  }
  if (result.outcome === 'duplicate') {
    return {
      status: 200,
      body: {
        lead: result.lead,
        duplicate: true,
        matchedOn: result.matchedOn,
        changes: result.changes,
        replayed: false,
        started: false,
        ...assignment,
      },
    };
  }
  return { status: 200, body: { lead: result.lead, duplicate: false, replayed: true, started: false, ...assignment } };
}
