import { type Kysely, type QueryCreator, type RawBuilder, sql } from 'kysely';
import type { LeadPatch } from '../lead/lead-context.js';
import type { RunMarker, StepRecord } from '../workflow/lead-run.js';
import { stageSignalsOfPatch } from './lead-stage.js';
import { leadPatchToUpdate } from './lead-row.js';
import type { Database } from './schema.js';
import { recordStageSignals } from './stage-history.js';

const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

/**
 * Writes steps (keyed by lead + seq, so a retried write replaces instead of duplicating), the
 * lead changes they carry, the funnel stages those changes reach, and where the run stands — all
 * or nothing. Most writes move no stage: those go as one statement (the steps' insert in a CTE
 * under the lead's update), one round trip instead of a transaction's four.
 */
export async function persistSteps(
  db: Kysely<Database>,
  leadId: string,
  steps: readonly StepRecord[],
  run: RunMarker,
): Promise<void> {
  const signals = steps.flatMap((step) =>
    stageSignalsOfPatch(step.patch).map((signal) => ({
      signal,
      at: step.endedAt ?? step.startedAt,
      stepSeq: step.seq,
    })),
  );
  const patch = mergePatches(steps.map((step) => step.patch));
  const leadUpdate = {
    ...leadPatchToUpdate(patch),
    run_status: run.status,
    current_node_id: run.nodeId,
    waiting: json(run.waiting),
    node_since: nodeSince(steps, run),
    updated_at: sql<Date>`now()`,
    // A migrated run writes the version it now runs on.
    ...(run.version !== undefined && { workflow_version: run.version }),
  };
  if (signals.length === 0) {
    const update =
      steps.length > 0
        ? db.with('written', (qb) => insertSteps(qb, leadId, steps)).updateTable('leads')
        : db.updateTable('leads');
    await update.set(leadUpdate).where('id', '=', leadId).execute();
    return;
  }
  await db.transaction().execute(async (trx) => {
    if (steps.length > 0) await insertSteps(trx, leadId, steps).execute();
    await trx.updateTable('leads').set(leadUpdate).where('id', '=', leadId).execute();
    await recordStageSignals(trx, leadId, signals);
  });
}

/** The steps' upsert: a retried write updates what a step may change (status, port, output, …). */
function insertSteps(db: QueryCreator<Database>, leadId: string, steps: readonly StepRecord[]) {
  return db
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
    );
}

/**
 * Since when the run has been at its node (what "stuck at a node" is measured from): the start of
 * the latest step at that node in this batch; else unchanged if it is still the same node (a
 * re-run while waiting), else now.
 */
function nodeSince(steps: readonly StepRecord[], run: RunMarker): string | RawBuilder<Date> | null {
  if (run.nodeId === null) return null;
  const entered = steps.findLast((step) => step.nodeId === run.nodeId);
  return entered
    ? entered.startedAt
    : sql<Date>`CASE WHEN current_node_id IS NOT DISTINCT FROM ${run.nodeId} THEN node_since ELSE now() END`;
}

function mergePatches(patches: ReadonlyArray<LeadPatch | null>): LeadPatch {
  let merged: LeadPatch = {};
  for (const patch of patches) {
    if (patch)
      merged = { ...merged, ...patch, custom: patch.custom ? { ...merged.custom, ...patch.custom } : merged.custom };
  }
  if (!merged.custom) delete merged.custom;
  return merged;
}
