import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createIsolatedDatabase } from '@leadflow/engine/local-services';
import { parseKeyring } from '@leadflow/engine/crypto';
import {
  freePort,
  leadflowClient,
  leadflowCodec,
  readConfig,
  startLeadflow,
  stepRetentionScheduleId,
  syncStepRetentionSchedule,
} from '@leadflow/server';
import { Connection, ScheduleNotFoundError } from '@temporalio/client';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { publishRoutedWorkflow } from './support/intake-fixtures.js';
import { eventually, startTestStack, type TestStack } from './support/test-stack.js';

/**
 * LEADFLOW_STEP_DATA_DAYS: an hourly Temporal Schedule runs a small workflow on the lead task
 * queue whose activity nulls step inputs and outputs past the retention period, keeping the steps.
 */
describe('step data retention', () => {
  let stack: TestStack;
  const leads: Record<'old' | 'middle' | 'recent', string> = { old: '', middle: '', recent: '' };
  const client = () => stack.services.temporal;
  const handle = () => client().schedule.getHandle(stepRetentionScheduleId(stack.taskQueue));
  const stepsOf = (leadId: string) =>
    stack.db.selectFrom('steps').selectAll().where('lead_id', '=', leadId).orderBy('seq').execute();

  /** Shifts a lead's whole trail `days` into the past, as if it had run then. */
  const age = (leadId: string, days: number) =>
    sql`
      UPDATE steps SET started_at = started_at - make_interval(days => ${days}), ended_at = ended_at - make_interval(days => ${days})
      WHERE lead_id = ${leadId}
    `.execute(stack.db);

  beforeAll(async () => {
    stack = await startTestStack();
    await publishRoutedWorkflow(stack, 'routed', 'sales', ['Ann'], true);
    for (const name of Object.keys(leads) as Array<keyof typeof leads>) {
      leads[name] = (
        await stack.api('POST', '/api/leads', { email: `${name}@buyer.io`, name: `${name} buyer` })
      ).body.lead.id;
    }
    for (const id of Object.values(leads)) {
      await eventually(
        async () => (await stack.api('GET', `/api/leads/${id}`)).body.run.nodeId === 'await-demo',
        'each lead to wait for a demo request',
      );
    }
    await age(leads.old, 40);
    await age(leads.middle, 10);
  });
  afterAll(async () => {
    await handle()
      .delete()
      .catch(() => undefined);
    await stack?.stop();
  });

  it('prunes, from a triggered run of the schedule, the inputs and outputs of steps older than the period and nothing else', async () => {
    const before = {
      old: await stepsOf(leads.old),
      middle: await stepsOf(leads.middle),
      recent: await stepsOf(leads.recent),
    };
    const withData = before.old.filter((step) => step.input !== null || step.output !== null);
    expect(withData.length, 'the old trail carries data to prune').toBeGreaterThanOrEqual(3);
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const metrics = async () =>
      (await stack.api('GET', `/api/metrics/response-times?from=${day(-60)}&to=${day(1)}`)).body;
    const metricsBefore = await metrics();
    expect(metricsBefore.leads).toBe(3);

    expect(await syncStepRetentionSchedule(client(), { taskQueue: stack.taskQueue, olderThanDays: 30 })).toBe(
      'created',
    );
    const described = await handle().describe();
    expect(described.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'pruneStepDataWorkflow',
      taskQueue: stack.taskQueue,
      args: [{ olderThanDays: 30 }],
    });
    expect(described.spec.intervals).toEqual([expect.objectContaining({ every: 3_600_000 })]);

    await handle().trigger();
    const started = await eventually(
      async () => (await handle().describe()).info.recentActions[0]?.action.workflow.workflowId,
      'the schedule to start its workflow',
    );
    const result = await client().workflow.getHandle(started).result();
    expect(result).toEqual({ pruned: withData.length });

    const after = await stepsOf(leads.old);
    expect(after).toHaveLength(before.old.length);
    for (const [i, step] of after.entries()) {
      const { input, output, data_pruned_at, ...kept } = step;
      const { input: _input, output: _output, data_pruned_at: _pruned, ...keptBefore } = before.old[i] as typeof step;
      expect(kept, `step ${step.seq} keeps node, port, reason and times`).toEqual(keptBefore);
      expect([input, output]).toEqual([null, null]);
      expect(data_pruned_at !== null).toBe(withData.some((s) => s.seq === step.seq));
    }
    expect(after.map((s) => s.node_id)).toEqual(['capture', 'score', 'assign', 'await-demo']);
    expect(after.find((s) => s.node_id === 'assign')?.reason).toMatch(/round robin/);
    expect(await stepsOf(leads.middle)).toEqual(before.middle);
    expect(await stepsOf(leads.recent)).toEqual(before.recent);

    // What people read: the trail says the data was removed; the metrics did not move.
    const history = (await stack.api('GET', `/api/leads/${leads.old}/history`)).body;
    expect(history.steps.find((s: { nodeId: string }) => s.nodeId === 'score')).toMatchObject({
      input: null,
      output: null,
      dataPrunedAt: expect.any(String),
      port: 'out',
    });
    expect(await metrics()).toEqual(metricsBefore);
  });

  it('leaves a pruned lead running: its wait still ends on the event', async () => {
    expect((await stack.api('POST', `/api/leads/${leads.old}/events`, { type: 'demo_requested' })).status).toBe(202);
    const done = await eventually(async () => {
      const lead = (await stack.api('GET', `/api/leads/${leads.old}`)).body;
      return lead.run.status === 'completed' ? lead : undefined;
    }, 'the old lead to end');
    expect(done.status).toBe('demo_requested');
  });

  it('finds what to prune through its partial index', async () => {
    const plan = await stack.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      const { rows } = await sql<{ 'QUERY PLAN': string }>`
        EXPLAIN SELECT lead_id, seq FROM steps
        WHERE (input IS NOT NULL OR output IS NOT NULL) AND started_at < now() - make_interval(days => 30)
        LIMIT 5000 FOR UPDATE SKIP LOCKED
      `.execute(trx);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('steps_with_data');
  });

  it('updates the schedule in place (keeping a pause), and deletes it when the period is unset', async () => {
    await handle().pause('paused by an operator');
    expect(await syncStepRetentionSchedule(client(), { taskQueue: stack.taskQueue, olderThanDays: 45 })).toBe(
      'updated',
    );
    const updated = await handle().describe();
    expect(updated.action).toMatchObject({ args: [{ olderThanDays: 45 }] });
    expect(updated.state).toMatchObject({ paused: true, note: 'paused by an operator' });
    expect(await syncStepRetentionSchedule(client(), { taskQueue: stack.taskQueue, olderThanDays: 45 })).toBe(
      'updated',
    );

    expect(await syncStepRetentionSchedule(client(), { taskQueue: stack.taskQueue, olderThanDays: undefined })).toBe(
      'deleted',
    );
    await expect(handle().describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    expect(await syncStepRetentionSchedule(client(), { taskQueue: stack.taskQueue, olderThanDays: undefined })).toBe(
      'absent',
    );
  });

  it('is set up by the server at start from LEADFLOW_STEP_DATA_DAYS, and removed by a start without it', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'leadflow-retention-'));
    await chmod(dataDir, 0o755);
    const taskQueue = `${stack.taskQueue}-server`;
    // On its own Postgres the server needs a keyring, as a deployment would; the schedule's
    // arguments are sealed under it, so the test reads them with a client holding the same one.
    const secretKey = `k1:${randomBytes(32).toString('base64')}`;
    const env = {
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      LEADFLOW_SECRET_KEY: secretKey,
      DATABASE_URL: await createIsolatedDatabase(inject('databaseUrl')),
      LEADFLOW_WORKER: 'off',
      LEADFLOW_TASK_QUEUE: taskQueue,
      LEADFLOW_DATA_DIR: dataDir,
    };
    const connection = await Connection.connect({ address: inject('temporalAddress') });
    const serverClient = leadflowClient(connection, undefined, leadflowCodec(stack.db, parseKeyring(secretKey)));
    const schedule = serverClient.schedule.getHandle(stepRetentionScheduleId(taskQueue));
    const lines: string[] = [];
    try {
      let server = await startLeadflow(
        {
          ...readConfig({ ...env, PORT: String(await freePort()), LEADFLOW_STEP_DATA_DAYS: '30' }),
          adminToken: 'retention-test',
        },
        (line) => lines.push(line),
      );
      await server.stop();
      expect((await schedule.describe()).action).toMatchObject({
        workflowType: 'pruneStepDataWorkflow',
        taskQueue,
        args: [{ olderThanDays: 30 }],
      });
      expect(lines).toContain('step inputs and outputs older than 30 days are pruned hourly (schedule created)');

      server = await startLeadflow(
        { ...readConfig({ ...env, PORT: String(await freePort()) }), adminToken: 'retention-test' },
        () => undefined,
      );
      await server.stop();
      await expect(schedule.describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    } finally {
      await schedule.delete().catch(() => undefined);
      await connection.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
