import { Context } from '@temporalio/activity';
import { readLeadMail } from '../db/lead-mail.js';
import { persistSteps } from '../db/step-trail.js';
import type { NodeOutcome } from '../definition/node-definition.js';
import { type NodeActivityInput, nodeActivityName, type ReadMailInput, type ReadMailResult, type RecordStepsInput, type StepRecord } from '../workflow/lead-run.js';
import type { ActivityServices, NodeActivity } from './node-activity.js';

export type LeadActivities = Record<string, (input: never) => Promise<unknown>>;

/**
 * Wraps each node activity so that its step, and the control steps riding along, are written
 * to the trail with the lead changes it made, in one transaction after the node's own work.
 */
export function createActivities(nodeActivities: readonly NodeActivity[], services: ActivityServices): LeadActivities {
  const activities: Record<string, (input: never) => Promise<unknown>> = {
    recordSteps: async ({ leadId, steps, run }: RecordStepsInput): Promise<void> => {
      await persistSteps(services.db, leadId, steps, run);
    },
    readLeadMail: async ({ leadId, afterSeq, limit }: ReadMailInput): Promise<ReadMailResult> => readLeadMail(services.db, leadId, afterSeq, limit),
  };
  for (const nodeActivity of nodeActivities) {
    activities[nodeActivityName(nodeActivity.type, nodeActivity.version)] = async (input: NodeActivityInput): Promise<NodeOutcome> => {
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
        dryRun: false,
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
        reason: input.rerunBecause ? `re-run (${input.rerunBecause}): ${outcome.reason ?? ''}` : (outcome.reason ?? null),
        error: null,
        attempts: attempt,
        startedAt,
        endedAt: new Date().toISOString(),
        waiting: null,
        patch: outcome.patch ?? null,
      };
      await persistSteps(services.db, leadId, [...input.pending, step], input.marker ?? { status: 'running', nodeId: node.id, waiting: null });
      return outcome;
    };
  }
  return activities;
}
