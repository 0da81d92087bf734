import type { GraphDocument } from '@leadflow/engine';
import { temporal } from '@temporalio/proto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink } from '@leadflow/nodes/testing';
import { eventually, hotLead, startTestStack, type TestStack } from './support/test-stack.js';
import { spawnWorker, type WorkerProcess } from './support/worker-process.js';

const LEADS = 40;

const pauseThenAlert: GraphDocument = {
  name: 'Assign, pause, alert',
  nodes: [
    {
      id: 'capture',
      type: 'capture',
      typeVersion: 1,
      position: { x: 0, y: 0 },
      config: { channels: ['api'], requiredFields: ['email'], defaultCountry: 'US' },
    },
    {
      id: 'assign',
      type: 'assign',
      typeVersion: 1,
      position: { x: 200, y: 0 },
      config: { strategy: 'round_robin', team: 'crash' },
    },
    {
      id: 'pause',
      type: 'wait',
      typeVersion: 1,
      position: { x: 400, y: 0 },
      config: { mode: 'duration', duration: '4s' },
    },
    {
      id: 'alert',
      type: 'notify',
      typeVersion: 1,
      position: { x: 600, y: 0 },
      config: { channels: ['inbox', 'email'], to: 'owner', subject: 'Lead {{email}}', body: 'Call {{fullName}}' },
    },
    { id: 'done', type: 'end', typeVersion: 1, position: { x: 800, y: 0 }, config: { outcome: 'alerted' } },
    { id: 'nobody', type: 'end', typeVersion: 1, position: { x: 400, y: 200 }, config: { outcome: 'unassigned' } },
  ],
  edges: [
    { id: 'a', source: 'capture', sourceHandle: 'out', target: 'assign' },
    { id: 'b', source: 'assign', sourceHandle: 'assigned', target: 'pause' },
    { id: 'c', source: 'assign', sourceHandle: 'unassigned', target: 'nobody' },
    { id: 'd', source: 'pause', sourceHandle: 'done', target: 'alert' },
    { id: 'e', source: 'alert', sourceHandle: 'out', target: 'done' },
  ],
};

describe('a worker killed while leads wait', () => {
  let stack: TestStack;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let worker: WorkerProcess | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    stack = await startTestStack({ worker: false });
    env = {
      TEMPORAL_ADDRESS: stack.temporalAddress,
      DATABASE_URL: stack.databaseUrl,
      LEADFLOW_TASK_QUEUE: stack.taskQueue,
      SMTP_URL: smtp.url,
      LEADFLOW_SECRET_KEY: stack.security.keyring.toString(),
    };
    expect((await stack.api('POST', '/api/teams', { id: 'crash', name: 'Crash team' })).status).toBe(201);
    for (const name of ['Kim', 'Lou', 'Max', 'Noa']) {
      expect(
        (await stack.api('POST', '/api/reps', { name, email: `${name.toLowerCase()}@crash.test`, teamId: 'crash' }))
          .status,
      ).toBe(201);
    }
    expect(
      (await stack.api('POST', '/api/workflows', { name: 'crash', draft: pauseThenAlert, isDefault: true })).status,
    ).toBe(201);
    expect((await stack.api('POST', '/api/workflows/crash/publish', { note: 'v1' })).status).toBe(201);
  });
  afterAll(async () => {
    await worker?.kill();
    await stack?.stop();
    await smtp?.stop();
  });

  it('loses no lead and sends nothing twice once a new worker starts', async () => {
    worker = await spawnWorker(env);
    const captured = await Promise.all(
      Array.from({ length: LEADS }, (_, i) => stack.api('POST', '/api/leads', hotLead(i, 'crash.test'))),
    );
    expect(captured.every((r) => r.status === 201)).toBe(true);
    await eventually(async () => {
      const row = await stack.db
        .selectFrom('leads')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('current_node_id', '=', 'pause')
        .where('run_status', '=', 'waiting')
        .executeTakeFirstOrThrow();
      return row.n === LEADS;
    }, 'every lead waiting at the pause');

    // Every pause timer is started (in Temporal's history) before the worker dies; they then fire
    // while no worker runs, and nothing may happen until one comes back: no notification is
    // recorded and none reaches the SMTP server.
    const leadIds = (await stack.db.selectFrom('leads').select('id').execute()).map((row) => row.id);
    const { EVENT_TYPE_TIMER_STARTED: timerStarted, EVENT_TYPE_TIMER_FIRED: timerFired } =
      temporal.api.enums.v1.EventType;
    const allHave = (eventType: number) => async () => {
      const histories = await Promise.all(
        leadIds.map(
          async (id) => (await stack.services.temporal.workflow.getHandle(`lead-${id}`).fetchHistory()).events ?? [],
        ),
      );
      return histories.every((events) => events.some((event) => event.eventType === eventType));
    };
    await eventually(allHave(timerStarted), 'every pause timer to be started', 30_000, 500);
    await worker.kill();
    await eventually(allHave(timerFired), 'every pause timer to have fired with no worker running', 30_000, 500);
    expect(await stack.db.selectFrom('notifications').select('id').execute()).toEqual([]);
    expect(smtp.messages).toHaveLength(0);

    worker = await spawnWorker(env);
    await eventually(
      async () => {
        const row = await stack.db
          .selectFrom('leads')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('run_status', '=', 'completed')
          .executeTakeFirstOrThrow();
        return row.n === LEADS;
      },
      'every lead completed after the restart',
      90_000,
    );

    const assignments = await stack.db
      .selectFrom('assignments')
      .select(['rep_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('rep_id')
      .execute();
    expect(assignments.map((a) => a.n).sort()).toEqual([10, 10, 10, 10]);
    const notifications = await stack.db
      .selectFrom('notifications')
      .select(['channel', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('channel')
      .orderBy('channel')
      .execute();
    expect(notifications).toEqual([
      { channel: 'email', n: LEADS },
      { channel: 'inbox', n: LEADS },
    ]);
    // Every outbox row is sent, each claimed by one attempt: the SMTP server got exactly one message per lead.
    await eventually(
      async () =>
        (
          await stack.db
            .selectFrom('notifications')
            .select('id')
            .where('channel', '=', 'email')
            .where('status', '=', 'sent')
            .execute()
        ).length === LEADS && true,
      'every email marked sent',
    );
    expect(smtp.messages).toHaveLength(LEADS);
    expect(new Set(smtp.messages.map((m) => m.to[0])).size).toBe(4);
    const paths = await stack.db
      .selectFrom('steps')
      .select(sql<string>`string_agg(node_id, ',' ORDER BY seq)`.as('path'))
      .groupBy('lead_id')
      .execute();
    expect(paths).toHaveLength(LEADS);
    expect(new Set(paths.map((p) => p.path))).toEqual(new Set(['capture,assign,pause,alert,done']));
  });
});
