import type { ControlContext, NodeOutcome, WaitRequest } from '../definition/node-definition.js';
import type { NodeRegistry } from '../definition/node-registry.js';
import type { Plan, PlanNode } from '../graph/plan.js';
import { applyLeadPatch, type LeadContext, type LeadPatch } from '../lead/lead-context.js';
import type { LeadEvent } from '../lead/lead-event.js';
import type { ActivityServices, NodeActivity } from '../worker/node-activity.js';

import type { ScriptedEvent, TestRunResult, TestRunStep } from './test-run-result.js';

export interface TestRunInput {
  plan: Plan;
  registry: NodeRegistry;
  activities: readonly NodeActivity[];
  /** `db` must be a dry-run database (see openDryRunDatabase): everything written is rolled back. */
  services: ActivityServices;
  leadId: string;
  lead: LeadContext;
  events?: readonly ScriptedEvent[];
  now?: Date;
  /** Stops a loop that the script never lets out. @default 200 */
  maxSteps?: number;
}

/** Thrown by a wait that nothing in the script ends: the run stops there, as a live lead would wait. */
class StillWaiting extends Error {}

/**
 * Walks a plan like the lead workflow does, outside Temporal and without side effects: control
 * nodes run as they would in the sandbox, activity nodes run with `dryRun` on a database that is
 * rolled back, and waits are ended by the scripted events or skipped to their timeout.
 * Deliberately simpler than the workflow: no retries, no re-runs while waiting, no parking.
 */
export async function runPlanDry(input: TestRunInput): Promise<TestRunResult> {
  const { plan, registry } = input;
  const activityOf = new Map(input.activities.map((activity) => [`${activity.type}@${activity.version}`, activity]));
  const script = [...(input.events ?? [])];
  const started = (input.now ?? new Date()).getTime();
  let clock = started;
  let lead = input.lead;
  const visits: Record<string, number> = {};
  const steps: TestRunStep[] = [];
  const maxSteps = input.maxSteps ?? 200;

  const waitFor = (request: WaitRequest, waited: { current: TestRunStep['waited'] }): LeadEvent | null => {
    if (request.patch) lead = applyLeadPatch(lead, request.patch);
    const index = script.findIndex((event) => request.events.includes(event.type));
    const until = request.until?.getTime() ?? (request.timeoutMs !== undefined ? clock + request.timeoutMs : null);
    const scripted = index >= 0 ? script[index] : undefined;
    const arrives = scripted ? clock + (scripted.afterMs ?? 0) : null;
    if (request.predicate?.(lead)) {
      waited.current = { description: request.description, endedBy: 'condition_met', simulatedMs: 0 };
      return { id: `condition-${steps.length}`, type: 'condition_met', at: new Date(clock).toISOString() };
    }
    if (scripted && arrives !== null && (until === null || arrives <= until)) {
      // Like the workflow's inbox: events before the matching one are consumed with it.
      script.splice(0, index + 1);
      lead = { ...lead, events: { ...lead.events, [scripted.type]: (lead.events[scripted.type] ?? 0) + 1 } };
      waited.current = { description: request.description, endedBy: scripted.type, simulatedMs: arrives - clock };
      clock = arrives;
      return { id: `scripted-${steps.length}`, type: scripted.type, at: new Date(clock).toISOString(), ...(scripted.data && { data: scripted.data }) };
    }
    if (until !== null) {
      waited.current = { description: request.description, endedBy: 'timeout', simulatedMs: Math.max(0, until - clock) };
      clock = Math.max(clock, until);
      return null;
    }
    throw new StillWaiting(`waits for ${request.description}; add a scripted ${request.events.join(' or ')} event to go on`);
  };

  const runNode = async (node: PlanNode, visit: number, waited: { current: TestRunStep['waited'] }): Promise<NodeOutcome> => {
    const definition = registry.get(node.type, node.typeVersion);
    if (!definition) throw new Error(`node type ${node.type}@${node.typeVersion} is not installed`);
    if (definition.kind === 'control') {
      const ctx: ControlContext = {
        get lead() {
          return lead;
        },
        leadId: input.leadId,
        nodeId: node.id,
        visit,
        now: () => new Date(clock),
        waitFor: async (request) => waitFor(request, waited),
      };
      return definition.run(node.config, ctx);
    }
    const activity = activityOf.get(`${node.type}@${node.typeVersion}`);
    if (!activity) throw new Error(`node type ${node.type}@${node.typeVersion} has no activity here`);
    return activity.run(node.config, {
      services: input.services,
      db: input.services.db,
      lead,
      leadId: input.leadId,
      nodeId: node.id,
      visit,
      attempt: 1,
      attemptId: `test-run:${input.leadId}:${node.id}:${visit}`,
      leaseMs: 30_000,
      heartbeat: () => undefined,
      idempotencyKey: `test-run:${input.leadId}:${node.id}:${visit}`,
      dryRun: true,
    });
  };

  let current: string | undefined = plan.entry;
  while (current !== undefined) {
    const node: PlanNode | undefined = plan.nodes[current];
    if (!node) throw new Error(`plan has no node '${current}'`);
    if (steps.length >= maxSteps) {
      return { outcome: 'step_limit', stoppedAt: { nodeId: node.id, reason: `stopped after ${maxSteps} steps: the lead loops` }, steps, lead, simulatedMs: clock - started };
    }
    const visit = (visits[node.id] ?? 0) + 1;
    visits[node.id] = visit;
    const step: TestRunStep = { seq: steps.length + 1, nodeId: node.id, nodeType: node.type, typeVersion: node.typeVersion, visit, port: null, reason: null, output: null, patch: null, waited: null, error: null };
    const waited: { current: TestRunStep['waited'] } = { current: null };
    let outcome: NodeOutcome;
    try {
      outcome = await runNode(node, visit, waited);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const stillWaiting = error instanceof StillWaiting;
      steps.push({ ...step, waited: waited.current, error: stillWaiting ? null : message, reason: stillWaiting ? message : null });
      return { outcome: stillWaiting ? 'waiting' : 'failed', stoppedAt: { nodeId: node.id, reason: message }, steps, lead, simulatedMs: clock - started };
    }
    if (outcome.patch) lead = applyLeadPatch(lead, outcome.patch);
    steps.push({ ...step, port: outcome.port, reason: outcome.reason ?? null, output: outcome.output ?? null, patch: outcome.patch ?? null, waited: waited.current });
    current = node.next[outcome.port];
    if (current === undefined && Object.keys(node.next).length > 0) {
      return { outcome: 'failed', stoppedAt: { nodeId: node.id, reason: `left by port '${outcome.port}', which is not wired` }, steps, lead, simulatedMs: clock - started };
    }
  }
  return { outcome: 'completed', stoppedAt: null, steps, lead, simulatedMs: clock - started };
}
