import type { GraphDocument, NodeRegistry } from '@leadflow/engine';
import { type Database, leadContextFromRow, openDryRunDatabase } from '@leadflow/engine/db';
import type { ScriptedEvent } from '@leadflow/engine/test-run';
import { driveTestRun } from './test-run-driver.js';
import { TestRunHost, type TestRunWorkflows } from './test-run-host.js';
import type { NodeActivity } from '@leadflow/engine/worker';
import { intakeLead, type RawLead } from '@leadflow/nodes';
import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { TestRunResult } from '../contract/workflows.js';
import { Errors } from '../errors.js';
import { leadInsertValues } from './lead-insert.js';
import type { WorkflowStore } from './workflow-store.js';

export interface TestRunRequest {
  /** The graph to run; the saved draft when absent. */
  document?: GraphDocument;
  lead: RawLead;
  events?: ScriptedEvent[];
}

const NO_CREDENTIALS = {
  resolve: async (): Promise<never> => {
    throw new Error('a test run does not open credentials: it calls no outside service');
  },
};

/**
 * The designer's test run: a sample lead through a draft, on the interpreter real runs use (the
 * lead workflow, on Temporal's time-skipping test server: see test-run-driver.ts), with every node
 * really run but nothing kept — the lead, assignments, tasks and messages live in a transaction
 * that is rolled back, and nodes that reach the outside world say what they would send instead.
 */
export class TestRuns {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly workflows: WorkflowStore,
    private readonly registry: NodeRegistry,
    private readonly activities: readonly NodeActivity[],
    private readonly databaseUrl: string | undefined,
    testRunWorkflows: TestRunWorkflows,
  ) {
    this.host = new TestRunHost(testRunWorkflows, activities);
  }

  private readonly host: TestRunHost;

  /** Stops the time-skipping server test runs use, if one was started. */
  async close(): Promise<void> {
    await this.host.close();
  }

  async run(workflowIdOrSlug: string, request: TestRunRequest, now = new Date()): Promise<TestRunResult> {
    const workflow = await this.workflows.find(workflowIdOrSlug);
    const document = request.document ?? (workflow.draft as unknown as GraphDocument);
    const compiled = await this.workflows.compile(document);
    if (!compiled.ok) throw Errors.invalidGraph(compiled.errors, 'run');
    const { plan } = compiled;
    const intake = intakeLead(request.lead, plan.nodes[plan.entry]?.config as never, now);
    if (!intake.ok) throw Errors.invalidLead(intake.errors.map((error) => ({ ...error, path: `lead.${error.path}` })));
    if (!this.databaseUrl) throw Errors.unavailable('test runs need the database URL the server was started with');

    const account = intake.lead.accountDomain
      ? await this.db
          .selectFrom('accounts')
          .select(['id', 'owner_rep_id'])
          .where('domain', '=', intake.lead.accountDomain)
          .executeTakeFirst()
      : undefined;
    const dry = await openDryRunDatabase(this.databaseUrl);
    try {
      const leadId = randomUUID();
      // A key no real lead has: the sample may share an email with a live lead.
      const values = {
        ...leadInsertValues({ id: workflow.id, version: 0 }, intake.lead, account, null),
        id: leadId,
        email_normalized: `test-run:${leadId}`,
        person_key: null,
      };
      const row = await dry.db.insertInto('leads').values(values).returningAll().executeTakeFirstOrThrow();
      // Test runs reach no outside service, so they open no credential either.
      const services = {
        db: dry.db,
        mail: { from: 'Leadflow test run <test-run@leadflow.invalid>' },
        http: { allowHosts: [] },
        credentials: NO_CREDENTIALS,
      };
      const result = await this.host.use((session) =>
        driveTestRun({
          session,
          activities: this.activities,
          services,
          workflowId: workflow.id,
          plan,
          leadId,
          lead: leadContextFromRow(row),
          events: request.events ?? [],
        }),
      );
      // Copies: the lead and patches as plain JSON objects, which is what the answer holds.
      return {
        ...result,
        lead: { ...result.lead },
        steps: result.steps.map((step) => ({ ...step, patch: step.patch && { ...step.patch } })),
        leadId,
      };
    } finally {
      await dry.discard();
    }
  }
}
