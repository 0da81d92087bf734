import type { LeadPatch, NodeOutcome } from '@leadflow/engine';
import type { Database } from '@leadflow/engine/db';
import type { Kysely } from 'kysely';

/** The node's answer for a stored assignment, so a retry answers exactly as the first try did. */
export function outcomeOf(
  row: { rep_id: string | null; team_id: string | null; reason: string; candidates: unknown },
  repName: string | null,
  replayed: boolean,
  extra: LeadPatch = {},
): NodeOutcome {
  const output = { repId: row.rep_id, repName, candidates: row.candidates, replayed };
  if (!row.rep_id) return { port: 'unassigned', output, reason: row.reason };
  return {
    port: 'assigned',
    output,
    reason: row.reason,
    patch: { ownerId: row.rep_id, ownerName: repName, teamId: row.team_id, status: 'working', ...extra },
  };
}

/** The assignment an earlier attempt of this node visit already made, if any. */
export async function existingAssignment(
  db: Kysely<Database>,
  leadId: string,
  nodeId: string,
  visit: number,
): Promise<NodeOutcome | null> {
  const row = await db
    .selectFrom('assignments')
    .leftJoin('reps', 'reps.id', 'assignments.rep_id')
    .select([
      'assignments.rep_id',
      'assignments.team_id',
      'assignments.reason',
      'assignments.candidates',
      'reps.name',
      'reps.timezone',
    ])
    .where('lead_id', '=', leadId)
    .where('node_id', '=', nodeId)
    .where('visit', '=', visit)
    .executeTakeFirst();
  return row ? outcomeOf(row, row.name, true, row.timezone ? { ownerTimezone: row.timezone } : {}) : null;
}
