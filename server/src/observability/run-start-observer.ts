import type {
  Next,
  WorkflowClientInterceptor,
  WorkflowStartInput,
  WorkflowStartOutput,
  WorkflowStartUpdateWithStartInput,
  WorkflowStartUpdateWithStartOutput,
} from '@temporalio/client';
import { leadflowMetrics } from './leadflow-metrics.js';
import { leadFields, logger } from './logger.js';

/**
 * Counts the lead runs this process starts and logs each start with the lead, workflow and run
 * ids — the line that ties an API request to the run in Temporal's UI. A start refused as a
 * duplicate is not counted (it throws).
 */
export class RunStartObserver implements WorkflowClientInterceptor {
  async startWithDetails(
    input: WorkflowStartInput,
    next: Next<WorkflowClientInterceptor, 'startWithDetails'>,
  ): Promise<WorkflowStartOutput> {
    const output = await next(input);
    this.started(input.options.workflowId, output.runId);
    return output;
  }

  async startUpdateWithStart(
    input: WorkflowStartUpdateWithStartInput,
    next: Next<WorkflowClientInterceptor, 'startUpdateWithStart'>,
  ): Promise<WorkflowStartUpdateWithStartOutput> {
    const output = await next(input);
    // With USE_EXISTING the run may be one already going; counted by whoever started it.
    if (output.workflowExecution.runId)
      this.started(input.workflowStartOptions.workflowId, output.workflowExecution.runId, 'update-with-start');
    return output;
  }

  private started(workflowId: string, runId: string, how = 'start'): void {
    leadflowMetrics.runsStarted.inc();
    logger().info({ ...leadFields(workflowId, runId), how }, 'lead run started');
  }
}
