import { PRUNE_STEP_DATA_WORKFLOW, type PruneStepDataInput } from '@leadflow/engine/workflow';
import {
  type Client,
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type ScheduleOptionsStartWorkflowAction,
} from '@temporalio/client';

/** How often the prune runs: steps leave the retention period by the hour, and a run with nothing to do costs one index probe. */
export const PRUNE_EVERY = '1 hour';

/** One schedule per task queue: each Leadflow installation (its workers and database) prunes its own steps. */
export const stepRetentionScheduleId = (taskQueue: string): string => `leadflow-step-data-retention:${taskQueue}`;

export type ScheduleSync = 'created' | 'updated' | 'deleted' | 'absent';

function action(
  taskQueue: string,
  olderThanDays: number,
): ScheduleOptionsStartWorkflowAction<(input: PruneStepDataInput) => Promise<unknown>> {
  const args: [PruneStepDataInput] = [{ olderThanDays }];
  return {
    type: 'startWorkflow',
    workflowType: PRUNE_STEP_DATA_WORKFLOW,
    args,
    taskQueue,
    workflowId: stepRetentionScheduleId(taskQueue),
  };
}

const policies = {
  // A run still going when the next is due: skip the next, never two at once.
  overlap: ScheduleOverlapPolicy.SKIP,
  // After an outage, one late run catches up; the hours missed need no run of their own.
  catchupWindow: PRUNE_EVERY,
};

/**
 * Makes the Temporal Schedule match LEADFLOW_STEP_DATA_DAYS, at every server start and from any
 * number of servers at once: with `olderThanDays` set, creates the hourly prune or updates its
 * period (keeping a pause an operator set); unset, deletes it. Idempotent.
 */
export async function syncStepRetentionSchedule(
  client: Client,
  options: { taskQueue: string; olderThanDays: number | undefined },
): Promise<ScheduleSync> {
  const scheduleId = stepRetentionScheduleId(options.taskQueue);
  const handle = client.schedule.getHandle(scheduleId);
  if (options.olderThanDays === undefined) {
    try {
      await handle.delete();
      return 'deleted';
    } catch (error) {
      if (error instanceof ScheduleNotFoundError) return 'absent';
      throw error;
    }
  }
  const wanted = {
    spec: { intervals: [{ every: PRUNE_EVERY }] },
    action: action(options.taskQueue, options.olderThanDays),
    policies,
  };
  try {
    await client.schedule.create({
      scheduleId,
      ...wanted,
      state: { note: `prunes step inputs and outputs older than ${options.olderThanDays} days` },
    });
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  await handle.update((previous) => ({
    ...wanted,
    state: {
      paused: previous.state.paused,
      note: previous.state.paused
        ? previous.state.note
        : `prunes step inputs and outputs older than ${options.olderThanDays} days`,
    },
  }));
  return 'updated';
}
