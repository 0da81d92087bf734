import type { Plan, PlanNode } from '../graph/plan.js';
import type { LeadContext, LeadPatch } from '../lead/lead-context.js';
import type { NodeOutcome } from '../definition/node-definition.js';
import type { LeadEvent } from '../lead/lead-event.js';

/** What a lead waits for now; shown in the lead's history and by the state query. */
export interface Waiting {
  nodeId: string;
  events: string[];
  /** ISO time the wait gives up, or null to wait for the event only. */
  until: string | null;
  description: string;
  since: string;
}

export type RunStatus = 'running' | 'waiting' | 'error' | 'completed';

/** One node visit in the step trail. Written with `seq` as key, so a retried write is harmless. */
export interface StepRecord {
  seq: number;
  nodeId: string;
  nodeType: string;
  typeVersion: number;
  visit: number;
  status: 'completed' | 'waiting' | 'failed';
  port: string | null;
  input: Record<string, unknown> | null;
  output: Record<string, unknown> | null;
  reason: string | null;
  error: string | null;
  attempts: number;
  startedAt: string;
  endedAt: string | null;
  waiting: Waiting | null;
  patch: LeadPatch | null;
}

/** Where a lead's run stands, written beside the steps so lists can filter without asking Temporal. */
export interface RunMarker {
  status: RunStatus;
  nodeId: string | null;
  waiting: Waiting | null;
}

/** State carried across continue-as-new. */
export interface ResumeState {
  nodeId: string;
  seq: number;
  visits: Record<string, number>;
  lead: LeadContext;
  seenEventIds: string[];
  /** Events received and not yet consumed by a wait. */
  inbox: LeadEvent[];
  /** The last node passed whose answer events can make stale (a score), re-run while the lead waits. */
  rerunNodeId?: string | null;
}

export interface LeadWorkflowInput {
  leadId: string;
  workflowId: string;
  version: number;
  /** The plan is pinned in the input: the lead finishes on the version it started on. */
  plan: Plan;
  lead: LeadContext;
  resume?: ResumeState;
}

export interface LeadWorkflowResult {
  status: 'completed';
  lastNodeId: string;
  steps: number;
}

export interface LeadStateView {
  status: RunStatus;
  nodeId: string | null;
  waiting: Waiting | null;
  visits: Record<string, number>;
  version: number;
  lead: LeadContext;
}

/** The answer to `awaitAssignmentUpdate`: who owns the lead, and where its run stood when it answered. */
export interface AssignmentAnswer {
  ownerId: string | null;
  ownerName: string | null;
  status: RunStatus;
  nodeId: string | null;
}

export interface NodeActivityInput {
  leadId: string;
  node: PlanNode;
  visit: number;
  seq: number;
  lead: LeadContext;
  /** Control-node steps since the last write; they ride along instead of costing a round trip. */
  pending: StepRecord[];
  /** Where the run stands once this step is written; default: running at this node. */
  marker?: RunMarker;
  /** Set when the node runs again while the lead waits: why (e.g. "page_visited arrived"). */
  rerunBecause?: string;
}

export interface RecordStepsInput {
  leadId: string;
  steps: StepRecord[];
  run: RunMarker;
}

/** Activity names are per node type and version, so Temporal's own UI shows what ran. */
export function nodeActivityName(type: string, version: number): string {
  return `node.${type}.v${version}`;
}

export type NodeActivityFunction = (input: NodeActivityInput) => Promise<NodeOutcome>;
