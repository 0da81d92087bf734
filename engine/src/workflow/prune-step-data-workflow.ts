/**
 * Retention of step data, run by a Temporal Schedule (server/src/retention/): a workflow of its
 * own beside the lead interpreter, on the same task queue, calling one activity the worker
 * registers. Sandbox-safe: types and a proxy only.
 */
import { proxyActivities } from '@temporalio/workflow';

export interface PruneStepDataInput {
  /** Steps that started more than this many days ago lose their input and output. */
  olderThanDays: number;
}

export interface PruneStepDataResult {
  /** Steps whose input and output were nulled by this run. */
  pruned: number;
}

/** What the worker registers for the retention workflow (server/src/retention/retention-activities.ts). */
export interface StepRetentionActivities {
  pruneStepData(input: PruneStepDataInput): Promise<PruneStepDataResult>;
}

/** The workflow type name the schedule starts; the bundle exports the function under this name. */
export const PRUNE_STEP_DATA_WORKFLOW = 'pruneStepDataWorkflow';

const { pruneStepData } = proxyActivities<StepRetentionActivities>({
  // Batches heartbeat; a large first prune may take a while, and a retry resumes where it stopped.
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '2 minutes',
  retry: { maximumAttempts: 5 },
});

/** Nulls the input and output of steps older than the retention period; the steps themselves stay. */
export async function pruneStepDataWorkflow(input: PruneStepDataInput): Promise<PruneStepDataResult> {
  return pruneStepData(input);
}
