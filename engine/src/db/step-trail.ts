import { type Kysely, sql } from 'kysely';
import type { LeadPatch } from '../lead/lead-context.js';
import type { RunMarker, StepRecord } from '../workflow/lead-run.js';
import { leadPatchToUpdate } from './lead-row.js';
import type { Database } from './schema.js';

const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

/**
 * Writes steps (keyed by lead + seq, so a retried write replaces instead of duplicating), the
 * lead changes they carry, and where the run stands — in one transaction.
 */
export async function persistSteps(db: Kysely<Database>, leadId: string, steps: readonly StepRecord[], run: RunMarker): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (steps.length > 0) {
      await trx
        .insertInto('steps')
        .values(
          steps.map((step) => ({
            lead_id: leadId,
            seq: step.seq,
            node_id: step.nodeId,
            node_type: step.nodeType,
            type_version: step.typeVersion,
            visit: step.visit,
            status: step.status,
            port: step.port,
            input: json(step.input),
            output: json(step.output),
            reason: step.reason,
            error: step.error,
            attempts: step.attempts,
            started_at: step.startedAt,
            ended_at: step.endedAt,
            waiting: json(step.waiting),
          })),
        )
        .onConflict((oc) =>
          oc.columns(['lead_id', 'seq']).doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'),
            port: eb.ref('excluded.port'),
            output: eb.ref('excluded.output'),
            reason: eb.ref('excluded.reason'),
            error: eb.ref('excluded.error'),
            attempts: eb.ref('excluded.attempts'),
            ended_at: eb.ref('excluded.ended_at'),
            waiting: eb.ref('excluded.waiting'),
          })),
        )
        .execute();
    }
    const patch = mergePatches(steps.map((step) => step.patch));
    await trx
      .updateTable('leads')
      .set({ ...leadPatchToUpdate(patch), run_status: run.status, current_node_id: run.nodeId, waiting: json(run.waiting), updated_at: sql<Date>`now()` })
      .where('id', '=', leadId)
      .execute();
  });
}

function mergePatches(patches: ReadonlyArray<LeadPatch | null>): LeadPatch {
  let merged: LeadPatch = {};
  for (const patch of patches) {
    if (patch) merged = { ...merged, ...patch, custom: patch.custom ? { ...merged.custom, ...patch.custom } : merged.custom };
  }
  if (!merged.custom) delete merged.custom;
  return merged;
}
