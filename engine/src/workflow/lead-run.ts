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
  /** Set when the run moved to another version of its workflow (a migration). */
  version?: number;
}

/** State carried across continue-as-new: only what the next run needs, bounded whatever the lead's age. */
export interface ResumeState {
  nodeId: string;
  seq: number;
  visits: Record<string, number>;
  lead: LeadContext;
  /** Ids of events delivered as data signals (runs from before event mail), to drop one delivered twice. */
  seenEventIds: string[];
  /** Events received and not yet consumed by a wait (capped: see lead-mailbox.ts). */
  inbox: LeadEvent[];
  /** The last node passed whose answer events can make stale (a score), re-run while the lead waits. */
  rerunNodeId?: string | null;
  /** The per-lead sequence number of the last event taken from the lead's mail (Postgres). */
  eventSeq?: number;
  /** A wait the previous run was in when it continued as new: the next run resumes it, same visit and deadline. */
  activeWait?: ActiveWait | null;
}

/** A wait under way, as carried over continue-as-new or a migration. */
export interface ActiveWait {
  /** continue: the same visit of the same wait, same deadline. migrated: a new visit at the mapped wait, counting from `since`. */
  kind: 'continue' | 'migrated';
  nodeId: string;
  seq: number;
  visit: number;
  /** When the wait began: a migrated wait's timeout counts from here. */
  since: string;
  /** The deadline already set; null when the wait has none, or a migration asks to recompute it. */
  until: string | null;
  /** Set when the lead is parked on this error, waiting for an operator's retry. */
  parked?: string;
}

export interface LeadWorkflowInput {
  leadId: string;
  workflowId: string;
  version: number;
  /** The plan is pinned in the input: the lead finishes on the version it started on (or migrates to). */
  plan: Plan;
  lead: LeadContext;
  resume?: ResumeState;
  /** The lead's newest event sequence number when the run was started: events already waiting for it. */
  eventSeq?: number;
  /** Set on the first run after a migration: where it came from, for the trail. */
  migratedFrom?: { version: number; nodeId: string; by: string };
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

/** The local activity a run reads its mail with: events after `afterSeq`, oldest first. */
export interface ReadMailInput {
  leadId: string;
  afterSeq: number;
  limit: number;
}

export interface ReadMailResult {
  events: Array<LeadEvent & { seq: number }>;
  /** More events wait after these (read again). */
  more: boolean;
  /**
   * The run has read everything up to this sequence number: the lead's `event_seq` as committed
   * before the read (sequence numbers commit in order, so every event up to it that was not
   * returned has been erased), or the last returned event's when `more`. Absent in histories
   * recorded before MAIL_READ_THROUGH_PATCH.
   */
  through?: number;
}

/** Moves a lead waiting on one version onto another, at the mapped node. */
export interface MigrateRequest {
  toVersion: number;
  plan: Plan;
  /** The node of the new plan the lead continues at (a wait). */
  nodeId: string;
  /** The node the lead must still be waiting at, or the migration is refused (it moved on). */
  fromNodeId: string;
  by: string;
}

export interface MigrateAnswer {
  accepted: boolean;
  reason: string;
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
