import type { LeadContext, LeadPatch } from '../lead/lead-context.js';

/** What a designer test run takes and answers (see the server's TestRuns). */

/** An event the test lead receives, in order, when a wait asks for one of its type. */
export interface ScriptedEvent {
  type: string;
  /** How long after the wait began it arrives. @default 0 */
  afterMs?: number;
  data?: Record<string, unknown>;
}

export interface TestRunStep {
  seq: number;
  nodeId: string;
  nodeType: string;
  typeVersion: number;
  visit: number;
  port: string | null;
  reason: string | null;
  output: Record<string, unknown> | null;
  patch: LeadPatch | null;
  /** For a wait: what it waited for, and what ended it (an event type, `timeout` or `condition_met`). */
  waited: { description: string; endedBy: string; simulatedMs: number } | null;
  error: string | null;
}

export type TestRunOutcome = 'completed' | 'waiting' | 'failed' | 'step_limit';

export interface TestRunResult {
  outcome: TestRunOutcome;
  /** Why the run stopped where it did, for anything but `completed`. */
  stoppedAt: { nodeId: string; reason: string } | null;
  steps: TestRunStep[];
  /** The lead as it would be at the end. */
  lead: LeadContext;
  /** Simulated time that passed in waits. */
  simulatedMs: number;
}
