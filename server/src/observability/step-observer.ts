import type { Context as ActivityContext } from '@temporalio/activity';
import type {
  ActivityExecuteInput,
  ActivityInboundCallsInterceptor,
  ActivityInterceptors,
  Next,
} from '@temporalio/worker';
import { leadflowMetrics } from './leadflow-metrics.js';
import { leadFields, logger, withoutEmails } from './logger.js';

/** Activity names are `node.<type>.v<version>` (engine's nodeActivityName); `recordSteps` writes control steps. */
const NODE_ACTIVITY = /^node\.(.+)\.v(\d+)$/;

interface StepInput {
  node?: { id: string };
  /** Where the run stands once a node activity's step is written. */
  marker?: { status: string };
  /** recordSteps: where the run stands once its steps are written. */
  run?: { status: string };
}

interface StepOutcome {
  port?: string;
  output?: { replayed?: boolean; deliveries?: Array<{ channel: string; status: string }> } | null;
  patch?: { teamId?: string | null } | null;
}

/** What a finished node step says about assignments and notifications. */
function countOutcome(nodeType: string, outcome: StepOutcome | undefined): void {
  if (!outcome) return;
  // A retry of a stored assignment answers `replayed`: that lead was counted by the first try.
  if (nodeType === 'assign' && outcome.port === 'assigned' && !outcome.output?.replayed) {
    leadflowMetrics.assignments.inc({ team: outcome.patch?.teamId ?? 'none' });
  }
  for (const delivery of outcome.output?.deliveries ?? [])
    leadflowMetrics.notifications.inc({ channel: delivery.channel, status: delivery.status });
}

function countRunEnd(input: StepInput | undefined, fields: object): void {
  const status = input?.marker?.status ?? input?.run?.status;
  if (status === 'completed') {
    leadflowMetrics.runsCompleted.inc();
    logger().info(fields, 'lead run completed');
  } else if (status === 'error') {
    leadflowMetrics.runsErrored.inc();
    logger().warn(fields, 'lead run parked with an error');
  }
}

/**
 * Watches every activity the worker runs: step counts and latency by node type and version, runs
 * ended, assignments by team, notifications by channel, and a log line per step failure (and,
 * at debug, per step) carrying the lead's ids. It reads the activity's input and answer only.
 */
class StepObserver implements ActivityInboundCallsInterceptor {
  constructor(private readonly ctx: ActivityContext) {}

  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const info = this.ctx.info;
    const node = NODE_ACTIVITY.exec(info.activityType);
    const stepInput = input.args[0] as StepInput | undefined;
    const fields = {
      ...leadFields(info.workflowExecution?.workflowId, info.workflowExecution?.runId),
      ...(stepInput?.node && { nodeId: stepInput.node.id }),
    };
    const started = performance.now();
    try {
      const result = await next(input);
      if (node) {
        const [, nodeType = '', nodeVersion = ''] = node;
        leadflowMetrics.steps.inc({ node_type: nodeType, node_version: nodeVersion, result: 'completed' });
        leadflowMetrics.stepSeconds.observe(
          { node_type: nodeType, node_version: nodeVersion },
          (performance.now() - started) / 1000,
        );
        countOutcome(nodeType, result as StepOutcome);
        logger().debug(
          { ...fields, nodeType, attempt: info.attempt, port: (result as StepOutcome | undefined)?.port },
          'step completed',
        );
      }
      countRunEnd(stepInput, fields);
      return result;
    } catch (error) {
      if (node) leadflowMetrics.steps.inc({ node_type: node[1] ?? '', node_version: node[2] ?? '', result: 'failed' });
      logger().warn(
        {
          ...fields,
          activity: info.activityType,
          attempt: info.attempt,
          error: withoutEmails((error as Error).message),
        },
        'step attempt failed',
      );
      throw error;
    }
  }
}

export function stepObserverInterceptors(ctx: ActivityContext): ActivityInterceptors {
  return { inbound: new StepObserver(ctx) };
}
