import { Link } from 'react-router';
import { leadCount } from './migration-review';
import type { MigrationReport } from './migration-types';

/** Leads named per refusal reason: enough to open a few, not a wall of addresses. */
const EXAMPLES = 3;

/** What a move did: how many moved, and who was refused, grouped by why (a few leads linked). */
export function MigrationResult({
  result,
  label,
  words,
}: {
  result: MigrationReport;
  label(nodeId: string): string;
  words(reason: string): string;
}) {
  const refusals = new Map<string, MigrationReport['blocked']>();
  for (const lead of result.blocked) refusals.set(lead.reason, [...(refusals.get(lead.reason) ?? []), lead]);
  return (
    <div className="migration-result" role="status" aria-label="Migration result">
      <p>
        <strong>
          Moved {leadCount(result.moves.length)} to version {result.toVersion}.
        </strong>{' '}
        {result.moves.length > 0 && "Each move is in its lead's steps and in the audit log."}
      </p>
      {refusals.size > 0 && (
        <>
          <p>{leadCount(result.blocked.length)} not moved:</p>
          <ul>
            {[...refusals].map(([reason, leads]) => (
              <li key={reason}>
                {leadCount(leads.length)}: {words(reason)}
                {leads[0]?.nodeId && <span className="muted"> (at {label(leads[0].nodeId)})</span>} —{' '}
                {leads.slice(0, EXAMPLES).map((lead, index) => (
                  <span key={lead.leadId}>
                    {index > 0 && ', '}
                    <Link to={`/leads/${lead.leadId}`}>{lead.email}</Link>
                  </span>
                ))}
                {leads.length > EXAMPLES && ` and ${leads.length - EXAMPLES} more`}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
