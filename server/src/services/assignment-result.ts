import type { Database, LeadRow } from '@leadflow/engine/db';
import type { Kysely } from 'kysely';
import type { AssignmentWait } from './lead-runs.js';

/** A lead's owner as a capture that waited for routing shows it ("your rep is …"). */
export interface OwnerView {
  id: string;
  name: string;
  email: string;
}

export interface AssignmentResult {
  owner: OwnerView | null;
  /** No settled answer in time: the run was still going, and the lead may yet get an owner. */
  timedOut: boolean;
}

/**
 * The lead and its owner once a wait for assignment is over, read from the database: the assign
 * node stores the owner before the workflow learns of it, so the owner is never behind the answer
 * (other fields may be: an end node's status is written just after the run answers).
 */
export async function assignmentResult(
  db: Kysely<Database>,
  leadId: string,
  wait: AssignmentWait,
): Promise<{ row: LeadRow; assignment: AssignmentResult }> {
  const row = await db.selectFrom('leads').selectAll().where('id', '=', leadId).executeTakeFirstOrThrow();
  const owner = row.owner_id
    ? await db.selectFrom('reps').select(['id', 'name', 'email']).where('id', '=', row.owner_id).executeTakeFirst()
    : undefined;
  const moving = row.run_status === 'starting' || row.run_status === 'running';
  return { row, assignment: { owner: owner ?? null, timedOut: !('answer' in wait) && moving } };
}
