import {
  ActivityFailure,
  allHandlersFinished,
  condition,
  ContinueAsNew,
  continueAsNew,
  isCancellation,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type {
  ActivityNodeDefinition,
  AnyNodeDefinition,
  ControlContext,
  NodeOutcome,
  WaitRequest,
} from '../definition/node-definition.js';
import { NodeRegistry } from '../definition/node-registry.js';
import type { PlanNode } from '../graph/plan.js';
import { applyLeadPatch } from '../lead/lead-context.js';
import type { LeadEvent } from '../lead/lead-event.js';
import { receiveEvent } from './lead-mailbox.js';
import {
  type ActiveWait,
  type AssignmentAnswer,
  type LeadStateView,
  type LeadWorkflowInput,
  type LeadWorkflowResult,
  type MigrateRequest,
  type NodeActivityFunction,
  nodeActivityName,
  type ReadMailInput,
  type ReadMailResult,
  type RecordStepsInput,
  type ResumeState,
  type RunMarker,
  type RunStatus,
  type StepRecord,
  type Waiting,
} from './lead-run.js';
import { awaitAssignmentUpdate, leadEventSignal, leadMailSignal, leadStateQuery, migrateUpdate } from './messages.js';

/** Runs from before EVENT_MAIL_PATCH continue as new only when entering a wait past this many events. */
const LEGACY_EVENTS_BEFORE_CONTINUE_AS_NEW = 4000;
/** Runs under EVENT_MAIL_PATCH continue as new at any loop point past these (Temporal warns at 10,240 events). */
const HISTORY_EVENTS_BUDGET = 2000;
const HISTORY_BYTES_BUDGET = 2 * 1024 * 1024;
const MAIL_BATCH = 100;

/** Leads started before local activities existed replay the remote calls their histories hold. */
export const LOCAL_ACTIVITIES_PATCH = 'local-activities';
/**
 * This release's interpreter: events read from the lead's mail on a doorbell, continue-as-new at
 * every loop point (mid-wait too, keeping the wait's deadline), a capped inbox, migrations. Runs
 * started before it replay and finish on the interpreter they started with.
 */
export const EVENT_MAIL_PATCH = 'event-mail-2026-12';
/** A throw in sandbox code parks the lead instead of failing its workflow task forever. */
export const PARK_SANDBOX_FAILURES_PATCH = 'park-sandbox-failures';
/**
 * A read of the mail moves the run on only as far as it read (`through`). Before, it jumped to
 * the newest doorbell, and an event committed while the read ran was skipped.
 */
export const MAIL_READ_THROUGH_PATCH = 'mail-read-through';

const { recordSteps } = proxyActivities<{ recordSteps(input: RecordStepsInput): Promise<void> }>({
  startToCloseTimeout: '30 seconds',
  // The trail must be written eventually; a database outage only delays the lead.
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

const { readLeadMail } = proxyLocalActivities<{ readLeadMail(input: ReadMailInput): Promise<ReadMailResult> }>({
  startToCloseTimeout: '10 seconds',
  // Mail waits in Postgres: an outage only delays it.
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

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

/** Ends the run's current code path to continue as new or stop: never caught as a node failure. */
const passesThrough = (error: unknown): boolean => error instanceof ContinueAsNew || isCancellation(error);

const now = (): string => new Date().toISOString();

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
    // Decided once, at the start: a run keeps the interpreter it began with for its whole life.
    const mail = patched(EVENT_MAIL_PATCH);
    const state: ResumeState = input.resume ?? {
      nodeId: plan.entry,
      seq: 0,
      visits: {},
      lead: input.lead,
      seenEventIds: [],
      inbox: [],
      ...(mail && { eventSeq: 0 }),
    };
    let status: RunStatus = 'running';
    let waiting: Waiting | null = null;
    let pending: StepRecord[] = [];
    let knownSeq = Math.max(input.eventSeq ?? 0, state.eventSeq ?? 0);
    let migration: MigrateRequest | null = null;
    /** Told of each event as it arrives, while a wait watches for events that make a node stale. */
    let onArrival: ((event: LeadEvent) => void) | null = null;
    const inbox = state.inbox;

    const mailPending = (): boolean => knownSeq > (state.eventSeq ?? 0);

    setHandler(leadEventSignal, (event) => {
      if (receiveEvent(state, event, mail)) onArrival?.(event);
    });
    setHandler(leadMailSignal, ({ seq }) => {
      knownSeq = Math.max(knownSeq, seq);
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
      return {
        ownerId: state.lead.ownerId,
        ownerName: state.lead.ownerName,
        status,
        nodeId: status === 'completed' ? null : state.nodeId,
      };
    });
    setHandler(
      migrateUpdate,
      (request) => {
        migration = request;
        return {
          accepted: true,
          reason: `moving from node '${request.fromNodeId}' to version ${request.toVersion}, node '${request.nodeId}'`,
        };
      },
      {
        validator: (request) => {
          if (!mail) throw new Error('this run started before migrations existed; it finishes on its version');
          if (migration) throw new Error('a migration of this lead is already under way');
          // A lead parked on an error waits too: migrating it to a fixed version is how it gets out.
          if ((status !== 'waiting' && status !== 'error') || waiting?.nodeId !== request.fromNodeId) {
            throw new Error(
              `the lead is not waiting at '${request.fromNodeId}' any more (now ${status} at '${state.nodeId}')`,
            );
          }
        },
      },
    );

    const flush = async (extra: StepRecord[] = [], version?: number): Promise<void> => {
      const steps = [...pending, ...extra];
      pending = [];
      const run: RunMarker = {
        status,
        nodeId: status === 'completed' ? null : state.nodeId,
        waiting,
        ...(version !== undefined && { version }),
      };
      await recordSteps({ leadId, steps, run });
    };

    /** Reads every event waiting in the lead's mail, in order, into the run. */
    const readMail = async (): Promise<void> => {
      let reread = false;
      for (;;) {
        const { events, more, through } = await readLeadMail({
          leadId,
          afterSeq: state.eventSeq ?? 0,
          limit: MAIL_BATCH,
        });
        for (const { seq, ...event } of events) {
          state.eventSeq = Math.max(state.eventSeq ?? 0, seq);
          if (receiveEvent(state, event, mail)) onArrival?.(event);
        }
        const readThrough = through !== undefined && patched(MAIL_READ_THROUGH_PATCH);
        // Events up to `through` that were not returned were erased: gone for good.
        if (readThrough) state.eventSeq = Math.max(state.eventSeq ?? 0, through);
        if (more) continue;
        if (!readThrough) {
          // Before MAIL_READ_THROUGH_PATCH (and for a lead row that is gone): whatever the doorbell announced counts as read.
          state.eventSeq = Math.max(state.eventSeq ?? 0, knownSeq);
          return;
        }
        if (knownSeq <= (state.eventSeq ?? 0)) return;
        // A doorbell rang for mail committed after this read began: read once more.
        if (!reread) {
          reread = true;
          continue;
        }
        // Rung before its mail committed: the redelivery sweep rings again once it has.
        knownSeq = state.eventSeq ?? 0;
        return;
      }
    };

    const tooLong = (): boolean => {
      const info = workflowInfo();
      return (
        info.continueAsNewSuggested ||
        info.historyLength > HISTORY_EVENTS_BUDGET ||
        info.historySize > HISTORY_BYTES_BUDGET
      );
    };

    /** Continues as new with what the next run needs: the position, an active wait, the mail read so far. */
    const continueNow = async (activeWait: ActiveWait | null): Promise<never> => {
      if (pending.length > 0) await flush();
      await condition(allHandlersFinished);
      state.activeWait = activeWait;
      return continueAsNew<(input: LeadWorkflowInput) => Promise<LeadWorkflowResult>>({
        ...input,
        resume: state,
        eventSeq: knownSeq,
        migratedFrom: undefined,
      });
    };

    /** Moves the lead onto the new version's plan at the mapped node; its wait counts from when it began. */
    const migrateNow = async (request: MigrateRequest, step: StepRecord, since: string): Promise<never> => {
      waiting = null;
      status = 'running';
      await flush([
        {
          ...step,
          status: 'completed',
          waiting: null,
          endedAt: now(),
          reason: `left for version ${request.toVersion}, node '${request.nodeId}' (migrated by ${request.by})`,
        },
      ]);
      await condition(allHandlersFinished);
      const resume: ResumeState = {
        ...state,
        nodeId: request.nodeId,
        activeWait: { kind: 'migrated', nodeId: request.nodeId, seq: 0, visit: 0, since, until: null },
      };
      return continueAsNew<(input: LeadWorkflowInput) => Promise<LeadWorkflowResult>>({
        ...input,
        version: request.toVersion,
        plan: request.plan,
        resume,
        eventSeq: knownSeq,
        migratedFrom: { version: input.version, nodeId: request.fromNodeId, by: request.by },
      });
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
          seq,
          nodeId: node.id,
          nodeType: node.type,
          typeVersion: node.typeVersion,
          visit,
          status: 'failed',
          port: null,
          input: null,
          output: null,
          reason: `re-run (${because}) failed; the lead keeps its fields`,
          error: errorText(error),
          attempts: 1,
          startedAt: now(),
          endedAt: now(),
          waiting: null,
          patch: null,
        });
      }
    };

    /**
     * Durable wait for events or time; writes the waiting step first so ops see where the lead is.
     * Events that arrived since the previous wait ended count too: a rep may mark a lead contacted
     * before the workflow reaches the wait. A finished wait consumes events up to the one it took
     * (a timeout consumes all). `parked` marks the wait of a lead parked on an error.
     */
    const waitFor = async (
      request: WaitRequest,
      step: StepRecord,
      waitStatus: RunStatus,
      parked?: string,
    ): Promise<LeadEvent | null> => {
      const resumed = state.activeWait?.nodeId === step.nodeId ? state.activeWait : null;
      state.activeWait = null;
      const since = resumed?.since ?? now();
      const computed =
        request.until ?? (request.timeoutMs !== undefined ? new Date(Date.parse(since) + request.timeoutMs) : null);
      const until = resumed?.kind === 'continue' ? (resumed.until === null ? null : new Date(resumed.until)) : computed;
      waiting = {
        nodeId: step.nodeId,
        events: [...request.events],
        until: until?.toISOString() ?? null,
        description: request.description,
        since,
      };
      status = waitStatus;
      if (request.patch) state.lead = applyLeadPatch(state.lead, request.patch);
      // A run resuming its predecessor's wait finds the waiting step already written.
      if (resumed?.kind !== 'continue')
        await flush([{ ...step, status: 'waiting', waiting, patch: request.patch ?? null }]);
      const match = (): LeadEvent | undefined => inbox.find((event) => request.events.includes(event.type));
      const holds = (): boolean => request.predicate?.(state.lead) ?? false;
      const rerun = rerunnable();
      const remaining = (): number | null => (until === null ? null : until.getTime() - Date.now());
      const sleep = async (ready: () => boolean): Promise<boolean> => {
        const left = remaining();
        return left === null ? (await condition(ready), true) : left > 0 ? condition(ready, left) : ready();
      };

      if (mail) {
        // An event of the kinds that make the re-run node stale, arrived and not yet acted on.
        let stale = rerun ? (inbox.find((event) => rerun.events.includes(event.type)) ?? null) : null;
        onArrival = (event) => {
          if (rerun?.events.includes(event.type)) stale = event;
        };
        try {
          for (;;) {
            if (
              !(await sleep(
                () => stale !== null || mailPending() || migration !== null || match() !== undefined || holds(),
              ))
            )
              break;
            if (migration) return await migrateNow(migration, step, since);
            if (mailPending()) await readMail();
            else if (stale && rerun) {
              const because = `${stale.type} arrived`;
              stale = null;
              await rerunWhileWaiting(rerun.node, because);
            } else break;
            if (tooLong()) {
              const carried: ActiveWait = {
                kind: 'continue',
                nodeId: step.nodeId,
                seq: step.seq,
                visit: step.visit,
                since,
                until: until?.toISOString() ?? null,
              };
              return await continueNow(parked === undefined ? carried : { ...carried, parked });
            }
          }
        } finally {
          onArrival = null;
        }
      } else {
        // The interpreter as it was before EVENT_MAIL_PATCH, for the runs that started on it.
        let rerunSeen = 0;
        const staleBy = (): LeadEvent | undefined =>
          rerun ? inbox.slice(rerunSeen).find((event) => rerun.events.includes(event.type)) : undefined;
        for (;;) {
          const woke = await sleep(() => staleBy() !== undefined || match() !== undefined || holds() || mailPending());
          if (woke && mailPending()) {
            await readMail();
            continue;
          }
          const stale = woke ? staleBy() : undefined;
          if (!rerun || !stale) break;
          // Re-run first (a score reads the new page visit), so the wait's own check sees fresh fields.
          rerunSeen = inbox.length;
          await rerunWhileWaiting(rerun.node, `${stale.type} arrived`);
        }
      }
      const met = holds() ? { id: `condition-${step.seq}`, type: 'condition_met', at: now() } : null;
      const event = match() ?? met;
      // Consume up to the matching event; anything after it is left for the next wait.
      inbox.splice(0, event && event !== met ? inbox.indexOf(event) + 1 : inbox.length);
      waiting = null;
      status = 'running';
      return event;
    };

    const runControl = async (node: PlanNode, step: StepRecord): Promise<NodeOutcome> => {
      const definition = registry.get(node.type, node.typeVersion);
      if (!definition || definition.kind !== 'control')
        throw new Error(
          `plan node '${node.id}' needs control node ${node.type}@${node.typeVersion}, which this worker lacks`,
        );
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

    const runActivity = async (
      node: PlanNode,
      step: Pick<StepRecord, 'seq' | 'visit'>,
      marker?: RunMarker,
      rerunBecause?: string,
    ): Promise<NodeOutcome> => {
      const key = nodeActivityName(node.type, node.typeVersion);
      let activity = activities.get(key);
      if (!activity) {
        const definition = registry.get(node.type, node.typeVersion);
        if (!definition || definition.kind !== 'activity')
          throw new Error(
            `plan node '${node.id}' needs activity node ${node.type}@${node.typeVersion}, which this worker lacks`,
          );
        activity = activityFor(definition);
        activities.set(key, activity);
      }
      const rideAlong = pending;
      pending = [];
      try {
        return await activity({
          leadId,
          node,
          visit: step.visit,
          seq: step.seq,
          lead: state.lead,
          pending: rideAlong,
          ...(marker && { marker }),
          ...(rerunBecause && { rerunBecause }),
        });
      } catch (error) {
        pending = [...rideAlong, ...pending];
        throw error;
      }
    };

    /**
     * Parks the lead visibly at `step`'s node until an operator posts `retry`: the step is failed
     * with the error, the run waits in status `error`. `resumed` skips the parts its predecessor
     * run already wrote.
     */
    const park = async (step: StepRecord, error: string, resumed: boolean): Promise<void> => {
      const failed: StepRecord = { ...step, status: 'failed', error, endedAt: step.endedAt ?? now() };
      // A control node that ran before the throw (a port the plan does not wire) left its step pending: the failure replaces it.
      pending = pending.filter((record) => record.seq !== step.seq);
      status = 'error';
      if (!resumed) await flush([failed]);
      const retryStep = resumed ? failed : { ...failed, seq: ++state.seq };
      await waitFor(
        { events: ['retry'], description: `an operator to retry after: ${error}` },
        retryStep,
        'error',
        error,
      );
      pending.push({ ...retryStep, status: 'completed', port: null, reason: 'retried by operator', endedAt: now() });
    };

    let current: string | undefined = state.nodeId;
    let lastNodeId = current;
    if (input.migratedFrom && input.resume?.activeWait?.kind === 'migrated') {
      const from = input.migratedFrom;
      const node = plan.nodes[state.nodeId];
      pending.push({
        seq: ++state.seq,
        nodeId: state.nodeId,
        nodeType: node?.type ?? 'unknown',
        typeVersion: node?.typeVersion ?? 0,
        visit: state.visits[state.nodeId] ?? 0,
        status: 'completed',
        port: null,
        input: null,
        output: { migratedFrom: from },
        reason: `migrated by ${from.by} from version ${from.version}, node '${from.nodeId}', to version ${input.version}, node '${state.nodeId}'`,
        error: null,
        attempts: 1,
        startedAt: now(),
        endedAt: now(),
        waiting: null,
        patch: null,
      });
      await flush([], input.version);
    }
    if (mail && mailPending()) await readMail();

    while (current !== undefined) {
      const node: PlanNode | undefined = plan.nodes[current];
      state.nodeId = current;
      lastNodeId = current;
      const definition = node && registry.get(node.type, node.typeVersion);
      if (mail) {
        if (mailPending()) await readMail();
        if (tooLong() && !state.activeWait) await continueNow(null);
      } else {
        const info = workflowInfo();
        if (
          definition?.waits &&
          (info.continueAsNewSuggested || info.historyLength > LEGACY_EVENTS_BEFORE_CONTINUE_AS_NEW)
        ) {
          await flush();
          await continueAsNew<(input: LeadWorkflowInput) => Promise<LeadWorkflowResult>>({ ...input, resume: state });
        }
      }
      const resumed =
        state.activeWait?.nodeId === current && state.activeWait.kind === 'continue' ? state.activeWait : null;
      const visit = resumed ? resumed.visit : (state.visits[current] ?? 0) + 1;
      state.visits[current] = visit;
      const step: StepRecord = {
        seq: resumed ? resumed.seq : ++state.seq,
        nodeId: current,
        nodeType: node?.type ?? 'unknown',
        typeVersion: node?.typeVersion ?? 0,
        visit,
        status: 'completed',
        port: null,
        input: null,
        output: null,
        reason: null,
        error: null,
        attempts: 1,
        startedAt: resumed?.since ?? now(),
        endedAt: null,
        waiting: null,
        patch: null,
      };

      if (resumed?.parked !== undefined) {
        state.activeWait = resumed;
        await park(step, resumed.parked, true);
        state.visits[current] = visit - 1;
        continue;
      }
      let outcome: NodeOutcome;
      // Whether a throw comes from the activity call: those park the lead in every interpreter.
      let inActivity = false;
      try {
        if (!node) throw new Error(`plan has no node '${current}'`);
        if (node.kind === 'control') {
          outcome = await runControl(node, step);
          pending.push({
            ...step,
            port: outcome.port,
            output: outcome.output ?? null,
            reason: outcome.reason ?? null,
            patch: outcome.patch ?? null,
            endedAt: now(),
          });
        } else {
          inActivity = true;
          outcome = await runActivity(node, step);
          inActivity = false;
        }
        state.activeWait = null;
        if (outcome.patch) state.lead = applyLeadPatch(state.lead, outcome.patch);
        if (
          node.kind === 'activity' &&
          definition?.kind === 'activity' &&
          (definition.rerunOnEvents?.(node.config).length ?? 0) > 0
        )
          state.rerunNodeId = node.id;
        current = node.next[outcome.port];
        if (current === undefined && Object.keys(node.next).length > 0) {
          throw new Error(`node '${node.id}' left by port '${outcome.port}', which the plan does not wire`);
        }
      } catch (error) {
        if (passesThrough(error)) throw error;
        // An activity's retries are spent: park the lead visibly at this node until an operator
        // sends `retry`. A throw in sandbox code (a control node, the interpreter) parks it too,
        // instead of failing the workflow task forever; a non-determinism error still fails the
        // task, as it never reaches this code.
        if (!inActivity && !patched(PARK_SANDBOX_FAILURES_PATCH)) throw error;
        current = state.nodeId;
        await park({ ...step, endedAt: now() }, errorText(error), false);
        state.visits[current] = visit - 1;
        continue;
      }
    }
    status = 'completed';
    await flush();
    return { status: 'completed', lastNodeId: lastNodeId ?? plan.entry, steps: state.seq };
  };
}
