import type { LeadContext, Plan } from '@leadflow/engine';
import { type Database, leadContextFromRow } from '@leadflow/engine/db';
import type { ScriptedEvent, TestRunResult, TestRunStep } from '@leadflow/engine/test-run';
import { type ActivityServices, createActivities, type NodeActivity } from '@leadflow/engine/worker';
import {
  leadMailSignal,
  leadStateQuery,
  type LeadStateView,
  type LeadWorkflowInput,
  type StepRecord,
  type Waiting,
} from '@leadflow/engine/workflow';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Kysely } from 'kysely';
import { setTimeout as delay } from 'node:timers/promises';
import { LeadEvents } from './lead-events.js';
import type { LeadRuns } from './lead-runs.js';
import type { TestRunSession } from './test-run-host.js';

export interface TestRunDriveInput {
  session: TestRunSession;
  activities: readonly NodeActivity[];
  /** `db` is a dry-run database (openDryRunDatabase): everything written is rolled back. */
  services: ActivityServices & { db: Kysely<Database> };
  workflowId: string;
  plan: Plan;
  leadId: string;
  lead: LeadContext;
  events: readonly ScriptedEvent[];
  /** Stops a loop the script never lets out. @default 200 */
  maxSteps?: number;
  /** Wall-clock limit for the whole run. @default 60 s */
  timeoutMs?: number;
  /**
   * Stops a loop through long waits (a 90-day revisit) before the test server's own limit on a
   * workflow's life (10 years) ends it. @default 5 years
   */
  maxSimulatedMs?: number;
}

/** A wait as the run entered it: from the waiting step it wrote. */
interface WaitSeen {
  seq: number;
  waiting: Waiting;
}

const POLL_MS = 5;
const DAY_MS = 24 * 60 * 60 * 1000;
/** The run has been idle this long, with no activity under way in this process: look for a retry's backoff to skip. */
const IDLE_MS = 50;

/**
 * A test run on the real interpreter: the lead workflow (the production bundle) runs on Temporal's
 * time-skipping test server, on a worker of its own in this process, with the node activities in
 * dry-run mode on a rolled-back database. Scripted events are posted to the lead's mail (as the
 * events API does) and the doorbell rung at the virtual time they are due; waits nothing in the
 * script ends skip to their timeout. The steps are the trail the run wrote.
 */
export async function driveTestRun(input: TestRunDriveInput): Promise<TestRunResult> {
  const { session, leadId, services } = input;
  const { env, taskQueue } = session;
  const maxSteps = input.maxSteps ?? 200;
  const records = new Map<number, StepRecord>();
  const waits: WaitSeen[] = [];
  let mailRead = 0;
  let inFlight = 0;
  let idleSince = Date.now();

  const activitySet = createActivities(input.activities, services, {
    dryRun: true,
    onStepsWritten: ({ steps }) => {
      for (const step of steps) {
        records.set(step.seq, step);
        if (step.status === 'waiting' && step.waiting) waits.push({ seq: step.seq, waiting: step.waiting });
      }
    },
    onMailRead: ({ through, events }) => {
      mailRead = Math.max(mailRead, through ?? 0, ...events.map((event) => event.seq));
    },
  });
  // Counts activities under way here: a run with none, not waiting, may be in a retry's backoff.
  const activities = Object.fromEntries(
    Object.entries(activitySet).map(([name, run]) => [
      name,
      async (arg: never) => {
        inFlight += 1;
        try {
          return await run(arg);
        } finally {
          inFlight -= 1;
          idleSince = Date.now();
        }
      },
    ]),
  );

  const drive = async (): Promise<TestRunResult> => {
    const workflowInput: LeadWorkflowInput = {
      leadId,
      workflowId: input.workflowId,
      version: 0,
      plan: input.plan,
      lead: input.lead,
      eventSeq: 0,
    };
    const handle = await env.client.workflow.start('leadWorkflow', {
      taskQueue,
      workflowId: `test-run-${leadId}`,
      args: [workflowInput],
    });
    try {
      return await follow(handle);
    } finally {
      await handle.terminate('test run over').catch(() => undefined);
    }
  };

  const follow = async (handle: WorkflowHandle): Promise<TestRunResult> => {
    const script = [...input.events];
    const events = new LeadEvents(services.db, {
      ring: async (_leadId: string, seq: number) => {
        await handle.signal(leadMailSignal, { seq });
        return true;
      },
    } as unknown as LeadRuns);
    let mailSent = 0;
    /** Per waiting step: the simulated time its waits took, and what ended the last one. */
    const waited = new Map<number, { description: string; ms: number; endedBy: string | null }>();
    const deadline = Date.now() + (input.timeoutMs ?? 60_000);
    const maxSimulatedMs = input.maxSimulatedMs ?? 5 * 365 * DAY_MS;
    const horizon = (await env.currentTimeMs()) + maxSimulatedMs;
    const pastHorizon = (at: number, nodeId: string, lead: LeadContext): TestRunResult | null =>
      at > horizon
        ? result(
            'step_limit',
            {
              nodeId,
              reason: `stopped after ${Math.round(maxSimulatedMs / DAY_MS)} days of simulated time: the lead loops`,
            },
            lead,
          )
        : null;

    const result = (
      outcome: TestRunResult['outcome'],
      stoppedAt: TestRunResult['stoppedAt'],
      lead: LeadContext,
      last?: Partial<TestRunStep>,
    ): TestRunResult => {
      // Waits that ended without the script's help (a condition already held, an event already in): no time passed.
      for (const seen of waits)
        if (!waited.has(seen.seq))
          waited.set(seen.seq, { description: seen.waiting.description, ms: 0, endedBy: null });
      let steps = [...records.values()]
        .sort((a, b) => a.seq - b.seq)
        .map((record): TestRunStep => toStep(record, waited.get(record.seq)));
      if (outcome === 'step_limit') steps = steps.slice(0, maxSteps);
      if (last && steps.length > 0) steps[steps.length - 1] = { ...steps.at(-1)!, ...last };
      const simulatedMs = [...waited.values()].reduce((sum, wait) => sum + wait.ms, 0);
      return { outcome, stoppedAt, steps, lead, simulatedMs };
    };

    for (;;) {
      // Settle: the run is finished, or waits with its waiting step written and its mail read.
      let state: LeadStateView | null = null;
      for (;;) {
        if (Date.now() > deadline)
          throw new Error(`the test run did not finish within ${(input.timeoutMs ?? 60_000) / 1000} s`);
        if (records.size > maxSteps) {
          const view = await handle.query(leadStateQuery).catch(() => null);
          const lastStep = [...records.values()].sort((a, b) => a.seq - b.seq)[maxSteps];
          return result(
            'step_limit',
            {
              nodeId: lastStep?.nodeId ?? view?.nodeId ?? '',
              reason: `stopped after ${maxSteps} steps: the lead loops`,
            },
            view?.lead ?? input.lead,
          );
        }
        const description = await handle.describe();
        if (description.status.name !== 'RUNNING') {
          if (description.status.name !== 'COMPLETED')
            throw new Error(`the test run's workflow ended ${description.status.name.toLowerCase()}`);
          // Not a query: a finished run has left the worker's cache, and a query would replay it.
          return result('completed', null, await finalLead(services.db, leadId));
        }
        const view = await stateOf(handle);
        if (!view) continue;
        const wait =
          view.waiting &&
          waits.findLast(
            (seen) => seen.waiting.nodeId === view.waiting?.nodeId && seen.waiting.since === view.waiting.since,
          );
        if (view.status !== 'running' && wait && mailRead >= mailSent && inFlight === 0) {
          state = view;
          break;
        }
        if (inFlight === 0 && Date.now() - idleSince > IDLE_MS) await skipBackoff(env, description.raw);
        await delay(POLL_MS);
      }

      const wait = waits.findLast(
        (seen) => seen.waiting.since === state.waiting?.since && seen.waiting.nodeId === state.waiting?.nodeId,
      )!;
      const lead = state.lead;
      if (state.status === 'error') {
        // Parked on an error (retries spent, a port not wired): a real lead would wait for an operator.
        const failed = [...records.values()]
          .filter((record) => record.status === 'failed')
          .sort((a, b) => a.seq - b.seq)
          .at(-1);
        records.delete(wait.seq);
        const error = failed?.error ?? state.waiting?.description ?? 'failed';
        return result('failed', { nodeId: failed?.nodeId ?? state.nodeId ?? '', reason: error }, lead);
      }
      const since = Date.parse(wait.waiting.since);
      const until = wait.waiting.until === null ? null : Date.parse(wait.waiting.until);
      const entry = waited.get(wait.seq) ?? { description: wait.waiting.description, ms: 0, endedBy: null };
      entry.description = wait.waiting.description;
      waited.set(wait.seq, entry);
      const index = script.findIndex((event) => wait.waiting.events.includes(event.type));
      const scripted = index >= 0 ? script[index] : undefined;
      const arrives = scripted ? since + (scripted.afterMs ?? 0) : null;
      const now = await env.currentTimeMs();
      if (scripted && arrives !== null && (until === null || arrives <= until)) {
        // Ahead of a timeout due at the same moment: the event wins, as the script says it came in time.
        const at = until !== null && arrives >= until ? until - 1 : arrives;
        const stop = pastHorizon(at, wait.waiting.nodeId, lead);
        if (stop) return stop;
        if (at > now) await env.sleep(at - now);
        // Like a wait's inbox: events before the matching one arrive with it.
        for (const event of script.splice(0, index + 1)) {
          const posted = await events.post(leadId, {
            type: event.type,
            data: event.data,
            occurredAt: new Date(await env.currentTimeMs()).toISOString(),
          });
          mailSent = Math.max(mailSent, await seqOf(services.db, posted.event.id));
        }
        entry.ms += Math.max(0, arrives - since);
        entry.endedBy = scripted.type;
        await untilMoved(handle, wait, () => mailRead >= mailSent, deadline);
        continue;
      }
      if (until !== null) {
        const stop = pastHorizon(until, wait.waiting.nodeId, lead);
        if (stop) return stop;
        if (until > now) await env.sleep(until - now);
        entry.ms += Math.max(0, until - since);
        entry.endedBy = 'timeout';
        // The timer fires at `until`: wait for the run to leave this wait.
        await untilMoved(handle, wait, () => true, deadline, env);
        continue;
      }
      entry.endedBy = null;
      const reason = `waits for ${wait.waiting.description}; add a scripted ${wait.waiting.events.join(' or ')} event to go on`;
      return result('waiting', { nodeId: wait.waiting.nodeId, reason }, lead, { reason, waited: null });
    }
  };

  const detach = session.attach(leadId, activities);
  try {
    return await drive();
  } finally {
    detach();
  }
}

/** What a step shows in the designer: its outcome, and for a wait what it waited for and what ended it. */
function toStep(
  record: StepRecord,
  waited: { description: string; ms: number; endedBy: string | null } | undefined,
): TestRunStep {
  const event = (record.output as { event?: { type?: unknown } } | null)?.event;
  const endedBy = typeof event?.type === 'string' ? event.type : (waited?.endedBy ?? 'timeout');
  return {
    seq: record.seq,
    nodeId: record.nodeId,
    nodeType: record.nodeType,
    typeVersion: record.typeVersion,
    visit: record.visit,
    port: record.port,
    reason: record.reason,
    output: record.output,
    patch: record.patch,
    waited: waited
      ? { description: waited.description, endedBy, simulatedMs: endedBy === 'condition_met' ? 0 : waited.ms }
      : null,
    error: record.error,
  };
}

/** Waits until the run has left `wait` (finished, running, or in another wait) and `ready` holds. */
async function untilMoved(
  handle: WorkflowHandle,
  wait: WaitSeen,
  ready: () => boolean,
  deadline: number,
  env?: TestWorkflowEnvironment,
): Promise<void> {
  let polls = 0;
  for (;;) {
    if (Date.now() > deadline) return;
    const description = await handle.describe();
    if (description.status.name !== 'RUNNING') return;
    const view = await stateOf(handle);
    if (!view) return;
    const same = view.waiting?.nodeId === wait.waiting.nodeId && view.waiting.since === wait.waiting.since;
    if (!same && ready()) return;
    // A timer due at the very moment the sleep ended may want one more millisecond.
    if (env && ++polls % 20 === 0) await env.sleep(1);
    await delay(POLL_MS);
  }
}

/**
 * The run's state by query; null when the run finished meanwhile. A finished run has left the
 * worker's cache, and a query would replay its history — which fails when a mail read's
 * local-activity marker and the mail-read-through patch marker fell in different workflow tasks
 * (a nondeterminism error, seen on the test server) — so the caller looks at its status again.
 */
async function stateOf(handle: WorkflowHandle): Promise<LeadStateView | null> {
  try {
    return await handle.query(leadStateQuery);
  } catch (error) {
    const description = await handle.describe().catch(() => null);
    if (description && description.status.name !== 'RUNNING') return null;
    throw error;
  }
}

/** The run is idle in a retry's backoff (an activity failed): skip the time to its next attempt. */
async function skipBackoff(
  env: TestWorkflowEnvironment,
  raw: {
    pendingActivities?: Array<{ nextAttemptScheduleTime?: { seconds?: unknown; nanos?: number | null } | null }> | null;
  },
): Promise<void> {
  const next = (raw.pendingActivities ?? [])
    .map((activity) => activity.nextAttemptScheduleTime)
    .filter((time): time is { seconds?: unknown; nanos?: number | null } => Boolean(time))
    .map((time) => Number(time.seconds ?? 0) * 1000 + Math.floor((time.nanos ?? 0) / 1e6));
  if (next.length === 0) return;
  const now = await env.currentTimeMs();
  const due = Math.min(...next);
  if (due > now) await env.sleep(due - now);
}

/** The lead as its run left it: the fields its steps wrote, and the events it received. */
async function finalLead(db: Kysely<Database>, leadId: string): Promise<LeadContext> {
  const row = await db.selectFrom('leads').selectAll().where('id', '=', leadId).executeTakeFirstOrThrow();
  const counts = await db
    .selectFrom('lead_events')
    .select(['type', (eb) => eb.fn.countAll<string>().as('n')])
    .where('lead_id', '=', leadId)
    .groupBy('type')
    .execute();
  return leadContextFromRow(row, Object.fromEntries(counts.map(({ type, n }) => [type, Number(n)])));
}

async function seqOf(db: Kysely<Database>, eventId: string): Promise<number> {
  const row = await db.selectFrom('lead_events').select('seq').where('id', '=', eventId).executeTakeFirstOrThrow();
  return row.seq;
}
