import { Context } from '@temporalio/activity';
import { readLeadMail } from '../db/lead-mail.js';
import { persistSteps } from '../db/step-trail.js';
import type { NodeOutcome } from '../definition/node-definition.js';
import {
  type NodeActivityInput,
  nodeActivityName,
  type ReadMailInput,
  type ReadMailResult,
  type RecordStepsInput,
  type StepRecord,
} from '../workflow/lead-run.js';
import type { ActivityServices, NodeActivity } from './node-activity.js';

export type LeadActivities = Record<string, (input: never) => Promise<unknown>>;

export interface ActivitySetOptions {
  /**
   * A designer test run's activity set: nodes get `dryRun: true` (they say what they would send
   * instead of sending), and `services.db` must be a dry-run database (see openDryRunDatabase).
   * @default false
   */
  dryRun?: boolean;
  /** Told of every write to the step trail once it is written (a test run follows the run by it). */
  onStepsWritten?: (written: RecordStepsInput) => void;
  /** Told of every read of a lead's mail once it is read. */
  onMailRead?: (read: ReadMailInput & ReadMailResult) => void;
}

/**
 * Wraps each node activity so that its step, and the control steps riding along, are written
 * to the trail with the lead changes it made, in one transaction after the node's own work.
 */
export function createActivities(
  nodeActivities: readonly NodeActivity[],
  services: ActivityServices,
  options: ActivitySetOptions = {},
): LeadActivities {
  const dryRun = options.dryRun ?? false;
  const write = async (leadId: string, steps: StepRecord[], run: RecordStepsInput['run']): Promise<void> => {
    await persistSteps(services.db, leadId, steps, run);
    options.onStepsWritten?.({ leadId, steps, run });
  };
  const activities: Record<string, (input: never) => Promise<unknown>> = {
    recordSteps: async ({ leadId, steps, run }: RecordStepsInput): Promise<void> => write(leadId, steps, run),
    readLeadMail: async (input: ReadMailInput): Promise<ReadMailResult> => {
      const read = await readLeadMail(services.db, input.leadId, input.afterSeq, input.limit);
      options.onMailRead?.({ ...input, ...read });
      return read;
    },
  };
  for (const nodeActivity of nodeActivities) {
    activities[nodeActivityName(nodeActivity.type, nodeActivity.version)] = async (
      input: NodeActivityInput,
    ): Promise<NodeOutcome> => {
      const startedAt = new Date().toISOString();
      const context = Context.current();
      const { attempt, activityId, workflowExecution, startToCloseTimeoutMs } = context.info;
      const { node, leadId, visit } = input;
      const outcome = await nodeActivity.run(node.config, {
        services,
        db: services.db,
        lead: input.lead,
        leadId,
        nodeId: node.id,
        visit,
        attempt,
        attemptId: `${workflowExecution?.runId ?? leadId}/${activityId}/${attempt}`,
        leaseMs: startToCloseTimeoutMs,
        heartbeat: () => context.heartbeat(),
        idempotencyKey: `${leadId}:${node.id}:${visit}`,
        dryRun,
      });
      const step: StepRecord = {
        seq: input.seq,
        nodeId: node.id,
        nodeType: node.type,
        typeVersion: node.typeVersion,
        visit,
        status: 'completed',
        port: outcome.port,
        input: { config: nodeActivity.shown(node.config) },
        output: outcome.output ?? null,
        reason: input.rerunBecause
          ? `re-run (${input.rerunBecause}): ${outcome.reason ?? ''}`
          : (outcome.reason ?? null),
        error: null,
        attempts: attempt,
        startedAt,
        endedAt: new Date().toISOString(),
        waiting: null,
        patch: outcome.patch ?? null,
      };
      await write(
        leadId,
        [...input.pending, step],
        input.marker ?? { status: 'running', nodeId: node.id, waiting: null },
      );
      return outcome;
    };
  }
  return activities;
}
