import type { Plan } from '@leadflow/engine';
import { type Database, leadContextFromRow, type LeadRow, leadsWithUnreadMail } from '@leadflow/engine/db';
import {
  type AssignmentAnswer,
  awaitAssignmentUpdate,
  LEAD_TASK_QUEUE,
  leadMailSignal,
  leadStateQuery,
  leadWorkflowId,
  type LeadStateView,
  type LeadWorkflowInput,
  type MigrateAnswer,
  type MigrateRequest,
  migrateUpdate,
} from '@leadflow/engine/workflow';
import {
  type Client,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  type WorkflowStartOptions,
} from '@temporalio/client';
import { type Kysely, sql } from 'kysely';

/** The longest a post waits for Temporal to take a doorbell ring. */
const RING_DEADLINE_MS = 3000;

/** What waiting for a lead's assignment gave: the workflow's answer, or why there is none. */
export type AssignmentWait = { answer: AssignmentAnswer } | { timedOut: true } | { unavailable: true };

/** Starts, signals and queries the one Temporal workflow each lead runs as. */
export class LeadRuns {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly client: Client,
    private readonly taskQueue = LEAD_TASK_QUEUE,
  ) {}

  /**
   * Starts the lead's workflow on the version it was captured for. The workflow id comes from
   * the lead id and duplicates are rejected, so calling this twice never runs a lead twice.
   */
  async start(leadId: string): Promise<void> {
    const row = await this.db.selectFrom('leads').selectAll().where('id', '=', leadId).executeTakeFirstOrThrow();
    const version = await this.db
      .selectFrom('workflow_versions')
      .select('plan')
      .where('workflow_id', '=', row.workflow_id)
      .where('version', '=', row.workflow_version)
      .executeTakeFirstOrThrow();
    await this.startLoaded(row, version.plan as unknown as Plan);
  }

  /** As `start`, for a caller that already holds the lead and its plan; returns the lead as now stored. */
  async startLoaded(row: LeadRow, plan: Plan): Promise<LeadRow> {
    try {
      await this.client.workflow.start('leadWorkflow', this.startOptions(row, plan));
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    return this.markStarted(row.id);
  }

  /**
   * Starts the run with update-with-start and waits, at most `timeoutMs`, for the lead to get an
   * owner or to stop without one. Without an answer in time the run is still started (or left to
   * the pending-start sweep, like any start that fails), and the caller answers asynchronously.
   */
  async startAwaitingAssignment(
    row: LeadRow,
    plan: Plan,
    timeoutMs: number,
  ): Promise<{ row: LeadRow; wait: AssignmentWait }> {
    const operation = new WithStartWorkflowOperation('leadWorkflow', {
      ...this.startOptions(row, plan),
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    const wait = await this.bounded(timeoutMs, () =>
      this.client.workflow.executeUpdateWithStart(awaitAssignmentUpdate, { startWorkflowOperation: operation }),
    );
    // An answer proves the run started; otherwise start it the ordinary way, which treats a start
    // that did go through as done.
    return { row: 'answer' in wait ? await this.markStarted(row.id) : await this.startLoaded(row, plan), wait };
  }

  /** As `startAwaitingAssignment`, for a lead whose run is already under way (a resubmission). */
  async awaitAssignment(leadId: string, timeoutMs: number): Promise<AssignmentWait> {
    return this.bounded(timeoutMs, () =>
      this.client.workflow.getHandle(leadWorkflowId(leadId)).executeUpdate(awaitAssignmentUpdate),
    );
  }

  private startOptions(row: LeadRow, plan: Plan): WorkflowStartOptions {
    const input: LeadWorkflowInput = {
      leadId: row.id,
      workflowId: row.workflow_id,
      version: row.workflow_version,
      plan,
      lead: leadContextFromRow(row),
      // Events recorded before the run started wait in its mail; it reads them first.
      eventSeq: row.event_seq,
    };
    return {
      workflowId: leadWorkflowId(row.id),
      taskQueue: this.taskQueue,
      args: [input],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    };
  }

  private async markStarted(leadId: string): Promise<LeadRow> {
    const updated = await this.db
      .updateTable('leads')
      .set({
        workflow_started_at: sql<Date>`now()`,
        run_status: sql<string>`CASE WHEN run_status = 'starting' THEN 'running' ELSE run_status END`,
      })
      .where('id', '=', leadId)
      .where('workflow_started_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    // Nothing updated: another path (the pending-start sweep) marked it first.
    return (
      updated ?? (await this.db.selectFrom('leads').selectAll().where('id', '=', leadId).executeTakeFirstOrThrow())
    );
  }

  /**
   * Runs a Temporal call that may block (an update waits for the workflow) for at most
   * `timeoutMs`, cancelling its RPCs after that. A workflow that has finished, or whose worker
   * code lacks the update, gives `unavailable`.
   */
  private async bounded(timeoutMs: number, call: () => Promise<AssignmentAnswer>): Promise<AssignmentWait> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      return { answer: await this.client.withAbortSignal(controller.signal, call) };
    } catch {
      return controller.signal.aborted ? { timedOut: true } : { unavailable: true };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Rings the run's doorbell: new mail (events up to `seq`) waits for it in Postgres. True when a
   * running workflow took the ring. Never throws: the event is already recorded, and a ring that
   * did not get through (Temporal down, the run not started yet) is rung again by the sweep.
   */
  async ring(leadId: string, seq: number): Promise<boolean> {
    try {
      // Bounded: with Temporal down, a post answers at once and the sweep rings later.
      await this.client.withDeadline(Date.now() + RING_DEADLINE_MS, () =>
        this.client.workflow.getHandle(leadWorkflowId(leadId)).signal(leadMailSignal, { seq }),
      );
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Rings again for leads whose run has not read mail older than `olderThanMs` — a ring lost with
   * Temporal down, a run started after its events. Returns how many rings got through.
   */
  async redeliverMail(olderThanMs = 3000, limit = 500): Promise<number> {
    let rung = 0;
    for (const { id, seq } of await leadsWithUnreadMail(this.db, olderThanMs, limit))
      if (await this.ring(id, seq)) rung++;
    return rung;
  }

  /**
   * Asks the lead's run to move onto `request.plan` at its wait. The run refuses (a rejected
   * update) when it is no longer waiting where the caller thinks; the answer says why.
   */
  async migrate(leadId: string, request: MigrateRequest): Promise<MigrateAnswer> {
    try {
      return await this.client.workflow
        .getHandle(leadWorkflowId(leadId))
        .executeUpdate(migrateUpdate, { args: [request] });
    } catch (error) {
      const cause =
        error instanceof Error && error.cause instanceof Error
          ? error.cause.message
          : error instanceof Error
            ? error.message
            : String(error);
      return { accepted: false, reason: cause };
    }
  }

  /** The live state from the workflow itself; null if it is not running or no worker answers in time. */
  async liveState(leadId: string, timeoutMs = 3000): Promise<LeadStateView | null> {
    const handle = this.client.workflow.getHandle(leadWorkflowId(leadId));
    try {
      return await Promise.race([
        handle.query(leadStateQuery),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs).unref()),
      ]);
    } catch {
      return null;
    }
  }

  /**
   * Starts leads whose start did not go through (Temporal was down, the server crashed between
   * the insert and the start). Returns how many were started.
   */
  async startPending(olderThanMs = 5000, limit = 200): Promise<number> {
    const pending = await this.db
      .selectFrom('leads')
      .select('id')
      .where('workflow_started_at', 'is', null)
      .where('created_at', '<', new Date(Date.now() - olderThanMs))
      .orderBy('created_at')
      .limit(limit)
      .execute();
    let started = 0;
    for (const { id } of pending) {
      try {
        await this.start(id);
        started++;
      } catch {
        // Temporal still unavailable: the next sweep tries again.
      }
    }
    return started;
  }
}
