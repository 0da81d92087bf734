/**
 * The baseline: the example inbound workflow written by hand as a plain Temporal workflow —
 * capture → enrich → score → branch by tier → assign → notify → wait for contacted (5 min) —
 * calling the same node activities with the same inputs in the same order, and writing the same
 * step trail, but with no graph walk, no node registry, no expression evaluator and none of
 * Leadflow's modules in its bundle. What the benchmark sees beyond this is the interpreter's cost. Bundled on its own for a worker on its
 * own task queue; started by a server whose LEADFLOW_TASK_QUEUE names that queue, so the
 * capture path in front of it is the same too.
 */
// Types only: the bundle holds this file and the Temporal SDK, nothing of Leadflow's code.
import type { LeadContext, LeadEvent, LeadPatch, NodeOutcome, PlanNode } from '@leadflow/engine';
import type {
  LeadWorkflowInput,
  LeadWorkflowResult,
  NodeActivityFunction,
  ReadMailInput,
  ReadMailResult,
  RecordStepsInput,
  RunMarker,
  StepRecord,
} from '@leadflow/engine/workflow';
import { condition, defineSignal, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';

/** The doorbell the API rings (`leadMail`), declared by name as any hand-written workflow would; the events wait in Postgres. */
const leadMailSignal = defineSignal<[{ seq: number }]>('leadMail');
const { readLeadMail } = proxyLocalActivities<{ readLeadMail(input: ReadMailInput): Promise<ReadMailResult> }>({
  startToCloseTimeout: '10 seconds',
});
const applyLeadPatch = (lead: LeadContext, patch: LeadPatch): LeadContext => ({
  ...lead,
  ...patch,
  custom: patch.custom ? { ...lead.custom, ...patch.custom } : lead.custom,
});

const retry = (maximumAttempts: number) => ({
  maximumAttempts,
  initialInterval: 1_000,
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
});
// The node definitions' own timeouts and retry policies (enrich 15 s, notify 20 s, else 30 s; 5 attempts).
type NodeActivities = Record<
  'node.enrich.v1' | 'node.score.v1' | 'node.assign.v1' | 'node.notify.v1',
  NodeActivityFunction
>;
// Enrich and score run as local activities, as Leadflow runs them (their definitions say `local`).
const { 'node.enrich.v1': enrich } = proxyLocalActivities<NodeActivities>({
  startToCloseTimeout: 15_000,
  retry: retry(5),
});
const { 'node.score.v1': score } = proxyLocalActivities<NodeActivities>({
  startToCloseTimeout: 30_000,
  retry: retry(5),
});
const { 'node.assign.v1': assign } = proxyActivities<NodeActivities>({ startToCloseTimeout: 30_000, retry: retry(5) });
const { 'node.notify.v1': notify } = proxyActivities<NodeActivities>({ startToCloseTimeout: 20_000, retry: retry(5) });
const { recordSteps } = proxyActivities<{ recordSteps(input: RecordStepsInput): Promise<void> }>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

const SLA_MS = 5 * 60_000;

export async function leadWorkflow(input: LeadWorkflowInput): Promise<LeadWorkflowResult> {
  const { leadId } = input;
  // The nodes' configs are the activities' inputs; taken by their fixed ids, never walked.
  const node = (id: string): PlanNode => input.plan.nodes[id] as PlanNode;
  let lead: LeadContext = input.lead;
  let seq = 0;
  let pending: StepRecord[] = [];
  const contacted: LeadEvent[] = [];
  let readSeq = 0;
  let knownSeq = input.eventSeq ?? 0;
  setHandler(leadMailSignal, ({ seq }) => {
    knownSeq = Math.max(knownSeq, seq);
  });
  const readMail = async (): Promise<void> => {
    const { events } = await readLeadMail({ leadId, afterSeq: readSeq, limit: 100 });
    for (const event of events) {
      readSeq = Math.max(readSeq, event.seq);
      lead = { ...lead, events: { ...lead.events, [event.type]: (lead.events[event.type] ?? 0) + 1 } };
      if (event.type === 'contacted') contacted.push(event);
    }
    readSeq = Math.max(readSeq, knownSeq);
  };

  const step = (
    nodeId: string,
    nodeType: string,
    port: string | null,
    reason: string,
    extra: Partial<StepRecord> = {},
  ): StepRecord => {
    const now = new Date().toISOString();
    return {
      seq: ++seq,
      nodeId,
      nodeType,
      typeVersion: 1,
      visit: 1,
      status: 'completed',
      port,
      input: null,
      output: null,
      reason,
      error: null,
      attempts: 1,
      startedAt: now,
      endedAt: now,
      waiting: null,
      patch: null,
      ...extra,
    };
  };
  const run = async (activity: NodeActivityFunction, nodeId: string): Promise<NodeOutcome> => {
    const outcome = await activity({ leadId, node: node(nodeId), visit: 1, seq: ++seq, lead, pending });
    pending = [];
    if (outcome.patch) lead = applyLeadPatch(lead, outcome.patch);
    return outcome;
  };
  const finish = async (nodeId: string, reason: string, status?: string): Promise<LeadWorkflowResult> => {
    pending.push(step(nodeId, 'end', 'end', reason, status ? { patch: { status } } : {}));
    await recordSteps({ leadId, steps: pending, run: { status: 'completed', nodeId: null, waiting: null } });
    return { status: 'completed', lastNodeId: nodeId, steps: seq };
  };

  pending.push(
    step(
      'capture',
      'capture',
      'out',
      `captured from ${lead.source ?? 'an unknown source'} via ${lead.channel ?? 'api'}`,
      { output: { email: lead.email, source: lead.source, channel: lead.channel } },
    ),
  );
  await run(enrich, 'enrich');
  await run(score, 'score');
  const tier = lead.tier;
  const port = tier === 1 ? 'sales_now' : tier === 4 ? 'sdr_call' : tier === 2 ? 'nurture' : 'default';
  pending.push(step('route', 'branch', port, `tier ${tier}: ${port}`));
  if (port === 'nurture') return finish('nurture', 'ended: high fit, low intent: nurture', 'nurture');
  if (port === 'default') return finish('light-nurture', 'ended: low fit: light nurture', 'light_nurture');
  if ((await run(assign, 'assign')).port !== 'assigned')
    return finish('unassigned', 'ended: nobody available', 'unassigned');
  await run(notify, 'alert-owner');

  const since = new Date();
  const waiting: RunMarker['waiting'] = {
    nodeId: 'await-contact',
    events: ['contacted'],
    until: new Date(since.getTime() + SLA_MS).toISOString(),
    description: 'contacted, up to 5m',
    since: since.toISOString(),
  };
  const waitStep = step('await-contact', 'wait', null, 'waiting', { status: 'waiting', waiting, endedAt: null });
  await recordSteps({
    leadId,
    steps: [...pending, waitStep],
    run: { status: 'waiting', nodeId: 'await-contact', waiting },
  });
  pending = [];
  const deadline = Date.now() + SLA_MS;
  while (contacted.length === 0 && (await condition(() => knownSeq > readSeq, Math.max(1, deadline - Date.now()))))
    await readMail();
  if (contacted.length > 0) {
    pending.push({
      ...waitStep,
      status: 'completed',
      port: 'event',
      waiting: null,
      reason: `contacted arrived at ${contacted[0]?.at}`,
      endedAt: new Date().toISOString(),
    });
    return finish('contacted', 'ended: contacted within SLA', 'contacted');
  }
  pending.push({
    ...waitStep,
    status: 'completed',
    port: 'timeout',
    waiting: null,
    reason: 'no contacted within 5m',
    endedAt: new Date().toISOString(),
  });
  await run(notify, 'escalate');
  return finish('escalated', 'ended: SLA missed, manager alerted');
}
