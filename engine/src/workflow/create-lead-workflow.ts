import {
  ActivityFailure,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { ActivityNodeDefinition, AnyNodeDefinition, ControlContext, NodeOutcome, WaitRequest } from '../definition/node-definition.js';
import { NodeRegistry } from '../definition/node-registry.js';
import type { PlanNode } from '../graph/plan.js';
import { applyLeadPatch } from '../lead/lead-context.js';
import type { LeadEvent } from '../lead/lead-event.js';
import {
  type AssignmentAnswer,
  type LeadStateView,
  type LeadWorkflowInput,
  type LeadWorkflowResult,
  type NodeActivityFunction,
  nodeActivityName,
  type RecordStepsInput,
  type ResumeState,
  type RunMarker,
  type RunStatus,
  type StepRecord,
  type Waiting,
} from './lead-run.js';
import { awaitAssignmentUpdate, leadEventSignal, leadStateQuery } from './messages.js';

/** Keeps history far below Temporal's limits (warning at 10,240 events) on leads that loop for months. */
const HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW = 4000;
const REMEMBERED_EVENT_IDS = 500;

const { recordSteps } = proxyActivities<{ recordSteps(input: RecordStepsInput): Promise<void> }>({
  startToCloseTimeout: '30 seconds',
  // The trail must be written eventually; a database outage only delays the lead.
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** Leads started before local activities existed replay the remote calls their histories hold. */
export const LOCAL_ACTIVITIES_PATCH = 'local-activities';

function activityFor(definition: ActivityNodeDefinition): NodeActivityFunction {
  const retry = definition.retry ?? {};
  const options = {
    startToCloseTimeout: definition.timeoutMs ?? 30_000,
    retry: {
      maximumAttempts: retry.maximumAttempts ?? 5,
      initialInterval: retry.initialIntervalMs ?? 1_000,
      backoffCoefficient: retry.backoffCoefficient ?? 2,
      maximumInterval: '1 minute',
    },
  };
  const name = nodeActivityName(definition.type, definition.version);
  const remote = proxyActivities<Record<string, NodeActivityFunction>>(options)[name] as NodeActivityFunction;
  if (!definition.local) return remote;
  const local = proxyLocalActivities<Record<string, NodeActivityFunction>>(options)[name] as NodeActivityFunction;
  return (input) => (patched(LOCAL_ACTIVITIES_PATCH) ? local(input) : remote(input));
}

function errorText(error: unknown): string {
  if (error instanceof ActivityFailure && error.cause) return error.cause.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * The one workflow that runs any plan: walks the graph from the entry, running control nodes
 * here in the sandbox and activity nodes as activities, and keeps the step trail.
 * Changing what this function does to existing histories needs `patched()`: never break replay.
 */
export function createLeadWorkflow(definitions: readonly AnyNodeDefinition[]) {
  const registry = new NodeRegistry(definitions);
  const activities = new Map<string, NodeActivityFunction>();

  return async function leadWorkflow(input: LeadWorkflowInput): Promise<LeadWorkflowResult> {
    const { plan, leadId } = input;
    const state: ResumeState = input.resume ?? { nodeId: plan.entry, seq: 0, visits: {}, lead: input.lead, seenEventIds: [], inbox: [] };
    let status: RunStatus = 'running';
    let waiting: Waiting | null = null;
    let pending: StepRecord[] = [];
    const inbox = state.inbox;

    setHandler(leadEventSignal, (event) => {
      if (state.seenEventIds.includes(event.id)) return;
      state.seenEventIds.push(event.id);
      if (state.seenEventIds.length > REMEMBERED_EVENT_IDS) state.seenEventIds.shift();
      state.lead = { ...state.lead, events: { ...state.lead.events, [event.type]: (state.lead.events[event.type] ?? 0) + 1 } };
      inbox.push(event);
    });
    setHandler(leadStateQuery, (): LeadStateView => ({
      status,
      nodeId: status === 'completed' ? null : state.nodeId,
      waiting,
      visits: state.visits,
      version: input.version,
      lead: state.lead,
    }));
    // Adds no command of its own (a condition without a timeout starts no timer), so histories
    // recorded before this handler existed replay unchanged.
    setHandler(awaitAssignmentUpdate, async (): Promise<AssignmentAnswer> => {
      await condition(() => state.lead.ownerId != null || status !== 'running');
      return { ownerId: state.lead.ownerId, ownerName: state.lead.ownerName, status, nodeId: status === 'completed' ? null : state.nodeId };
    });

    const flush = async (extra: StepRecord[] = []): Promise<void> => {
      const steps = [...pending, ...extra];
      pending = [];
      await recordSteps({ leadId, steps, run: { status, nodeId: status === 'completed' ? null : state.nodeId, waiting } });
    };

    /** The node to re-run while waiting, and the events that make its answer stale. */
    const rerunnable = (): { node: PlanNode; events: readonly string[] } | null => {
      const node = state.rerunNodeId ? plan.nodes[state.rerunNodeId] : undefined;
      const definition = node && registry.get(node.type, node.typeVersion);
      if (!node || definition?.kind !== 'activity' || !definition.rerunOnEvents) return null;
      const events = definition.rerunOnEvents(node.config);
      return events.length > 0 ? { node, events } : null;
    };

    /** Runs an activity node again as a new visit, keeping the lead's waiting marker; a failure only skips it. */
    const rerunWhileWaiting = async (node: PlanNode, because: string): Promise<void> => {
      const visit = (state.visits[node.id] ?? 0) + 1;
      state.visits[node.id] = visit;
      const seq = ++state.seq;
      try {
        const outcome = await runActivity(node, { seq, visit }, { status, nodeId: state.nodeId, waiting }, because);
        if (outcome.patch) state.lead = applyLeadPatch(state.lead, outcome.patch);
      } catch (error) {
        pending.push({
          seq, nodeId: node.id, nodeType: node.type, typeVersion: node.typeVersion, visit, status: 'failed', port: null, input: null, output: null,
          reason: `re-run (${because}) failed; the lead keeps its fields`, error: errorText(error), attempts: 1,
          startedAt: new Date().toISOString(), endedAt: new Date().toISOString(), waiting: null, patch: null,
        });
      }
    };

    /**
     * Durable wait for events or time; writes the waiting step first so ops see where the lead is.
     * Events that arrived since the previous wait ended count too: a rep may mark a lead contacted
     * before the workflow reaches the wait. A finished wait consumes events up to the one it took
     * (a timeout consumes all).
     */
    const waitFor = async (request: WaitRequest, step: StepRecord, waitStatus: RunStatus): Promise<LeadEvent | null> => {
      const now = Date.now();
      const until = request.until ?? (request.timeoutMs !== undefined ? new Date(now + request.timeoutMs) : null);
      waiting = { nodeId: step.nodeId, events: [...request.events], until: until?.toISOString() ?? null, description: request.description, since: new Date(now).toISOString() };
      status = waitStatus;
      if (request.patch) state.lead = applyLeadPatch(state.lead, request.patch);
      await flush([{ ...step, status: 'waiting', waiting, patch: request.patch ?? null }]);
      const match = (): LeadEvent | undefined => inbox.find((event) => request.events.includes(event.type));
      const holds = (): boolean => request.predicate?.(state.lead) ?? false;
      const rerun = rerunnable();
      let rerunSeen = 0;
      const staleBy = (): LeadEvent | undefined => (rerun ? inbox.slice(rerunSeen).find((event) => rerun.events.includes(event.type)) : undefined);
      const ready = (): boolean => staleBy() !== undefined || match() !== undefined || holds();
      for (;;) {
        const remaining = until === null ? null : until.getTime() - Date.now();
        const woke = remaining === null ? (await condition(ready), true) : remaining > 0 ? await condition(ready, remaining) : ready();
        const stale = woke ? staleBy() : undefined;
        if (!rerun || !stale) break;
        // Re-run first (a score reads the new page visit), so the wait's own check sees fresh fields.
        rerunSeen = inbox.length;
        await rerunWhileWaiting(rerun.node, `${stale.type} arrived`);
      }
      const met = holds() ? { id: `condition-${step.seq}`, type: 'condition_met', at: new Date().toISOString() } : null;
      const event = match() ?? met;
      // Consume up to the matching event; anything after it is left for the next wait.
      inbox.splice(0, event && event !== met ? inbox.indexOf(event) + 1 : inbox.length);
      waiting = null;
      status = 'running';
      return event;
    };

    const runControl = async (node: PlanNode, step: StepRecord): Promise<NodeOutcome> => {
      const definition = registry.get(node.type, node.typeVersion);
      if (!definition || definition.kind !== 'control') throw new Error(`plan node '${node.id}' needs control node ${node.type}@${node.typeVersion}, which this worker lacks`);
      const ctx: ControlContext = {
        // A getter: events that arrive during a wait update the lead, and the node must see them.
        get lead() {
          return state.lead;
        },
        leadId,
        nodeId: node.id,
        visit: step.visit,
        now: () => new Date(),
        waitFor: (request) => waitFor(request, step, 'waiting'),
      };
      return definition.run(node.config, ctx);
    };

    const runActivity = async (node: PlanNode, step: Pick<StepRecord, 'seq' | 'visit'>, marker?: RunMarker, rerunBecause?: string): Promise<NodeOutcome> => {
      const key = nodeActivityName(node.type, node.typeVersion);
      let activity = activities.get(key);
      if (!activity) {
        const definition = registry.get(node.type, node.typeVersion);
        if (!definition || definition.kind !== 'activity') throw new Error(`plan node '${node.id}' needs activity node ${node.type}@${node.typeVersion}, which this worker lacks`);
        activity = activityFor(definition);
        activities.set(key, activity);
      }
      const rideAlong = pending;
      pending = [];
      try {
        return await activity({ leadId, node, visit: step.visit, seq: step.seq, lead: state.lead, pending: rideAlong, ...(marker && { marker }), ...(rerunBecause && { rerunBecause }) });
      } catch (error) {
        pending = [...rideAlong, ...pending];
        throw error;
      }
    };

    let current: string | undefined = state.nodeId;
    let lastNodeId = current;
    while (current !== undefined) {
      const node: PlanNode | undefined = plan.nodes[current];
      if (!node) throw new Error(`plan has no node '${current}'`);
      state.nodeId = current;
      lastNodeId = current;
      const definition = registry.get(node.type, node.typeVersion);
      const info = workflowInfo();
      if (definition?.waits && (info.continueAsNewSuggested || info.historyLength > HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW)) {
        await flush();
        await continueAsNew<(input: LeadWorkflowInput) => Promise<LeadWorkflowResult>>({ ...input, resume: state });
      }
      const visit = (state.visits[current] ?? 0) + 1;
      state.visits[current] = visit;
      const step: StepRecord = {
        seq: ++state.seq,
        nodeId: node.id,
        nodeType: node.type,
        typeVersion: node.typeVersion,
        visit,
        status: 'completed',
        port: null,
        input: null,
        output: null,
        reason: null,
        error: null,
        attempts: 1,
        startedAt: new Date().toISOString(),
        endedAt: null,
        waiting: null,
        patch: null,
      };

      let outcome: NodeOutcome;
      if (node.kind === 'control') {
        outcome = await runControl(node, step);
        pending.push({ ...step, port: outcome.port, output: outcome.output ?? null, reason: outcome.reason ?? null, patch: outcome.patch ?? null, endedAt: new Date().toISOString() });
      } else {
        try {
          outcome = await runActivity(node, step);
        } catch (error) {
          // Retries are spent: park the lead visibly at this node until an operator sends `retry`.
          const failed: StepRecord = { ...step, status: 'failed', error: errorText(error), endedAt: new Date().toISOString() };
          status = 'error';
          await flush([failed]);
          const retryStep = { ...failed, seq: ++state.seq };
          await waitFor({ events: ['retry'], description: `an operator to retry after: ${failed.error}` }, retryStep, 'error');
          pending.push({ ...retryStep, status: 'completed', port: null, reason: 'retried by operator', endedAt: new Date().toISOString() });
          state.visits[current] = visit - 1;
          continue;
        }
      }
      if (outcome.patch) state.lead = applyLeadPatch(state.lead, outcome.patch);
      if (node.kind === 'activity' && definition?.kind === 'activity' && (definition.rerunOnEvents?.(node.config).length ?? 0) > 0) state.rerunNodeId = node.id;
      current = node.next[outcome.port];
      if (current === undefined && Object.keys(node.next).length > 0) {
        throw new Error(`node '${node.id}' left by port '${outcome.port}', which the plan does not wire`);
      }
    }
    status = 'completed';
    await flush();
    return { status: 'completed', lastNodeId: lastNodeId ?? plan.entry, steps: state.seq };
  };
}
