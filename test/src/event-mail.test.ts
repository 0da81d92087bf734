import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GraphDocument } from '@leadflow/engine';
import { appendLeadEvent } from '@leadflow/engine/db';
import { leadMailSignal } from '@leadflow/engine/workflow';
import { freePort, startTemporalDevServer, sweepOnce, type TemporalDevServerHandle } from '@leadflow/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack, type TestStack } from './support/test-stack.js';

const at = (x: number, y = 0) => ({ x: x * 240, y });

/**
 * capture → wait for `replied` or `contacted` → contacted: end; a reply: note how many replies the
 * run has seen (custom.replies) and wait again. One visit of `count` per reply the run took, and
 * custom.replies the count it took them with: a lost or doubled event shows in both.
 */
const repliesGraph: GraphDocument = {
  name: 'count replies',
  nodes: [
    {
      id: 'capture',
      type: 'capture',
      typeVersion: 1,
      position: at(0),
      config: { channels: ['api'], requiredFields: ['email'], defaultCountry: 'US' },
    },
    {
      id: 'await',
      type: 'wait',
      typeVersion: 1,
      position: at(1),
      config: { mode: 'event', events: ['replied', 'contacted'], timeout: '1h' },
    },
    {
      id: 'which',
      type: 'branch',
      typeVersion: 1,
      position: at(2),
      config: { cases: [{ port: 'contacted', label: 'Contacted', when: 'events.contacted >= 1' }] },
    },
    {
      id: 'count',
      type: 'update',
      typeVersion: 1,
      position: at(3),
      config: { set: [{ field: 'custom.replies', value: 'events.replied' }] },
    },
    { id: 'done', type: 'end', typeVersion: 1, position: at(3, 160), config: { outcome: 'contacted' } },
    { id: 'quiet', type: 'end', typeVersion: 1, position: at(2, 160), config: { outcome: 'quiet' } },
  ],
  edges: [
    { id: 'e1', source: 'capture', sourceHandle: 'out', target: 'await' },
    { id: 'e2', source: 'await', sourceHandle: 'event', target: 'which' },
    { id: 'e3', source: 'await', sourceHandle: 'timeout', target: 'quiet' },
    { id: 'e4', source: 'which', sourceHandle: 'contacted', target: 'done' },
    { id: 'e5', source: 'which', sourceHandle: 'default', target: 'count' },
    { id: 'e6', source: 'count', sourceHandle: 'out', target: 'await' },
  ],
};

/**
 * capture → wait for contacted (page visits do not end it) → a branch on how many page visits the
 * run counted: a lead that receives 20,000 events in one wait still ends right, each counted once.
 */
const floodGraph: GraphDocument = {
  name: 'flood',
  nodes: [
    {
      id: 'capture',
      type: 'capture',
      typeVersion: 1,
      position: at(0),
      config: { channels: ['api'], requiredFields: ['email'], defaultCountry: 'US' },
    },
    {
      id: 'await',
      type: 'wait',
      typeVersion: 1,
      position: at(1),
      config: { mode: 'event', events: ['contacted'], timeout: '1h' },
    },
    {
      id: 'check',
      type: 'branch',
      typeVersion: 1,
      position: at(2),
      config: { cases: [{ port: 'all', label: 'All visits counted', when: 'events.page_visited == 20000' }] },
    },
    {
      id: 'all',
      type: 'end',
      typeVersion: 1,
      position: at(3),
      config: { outcome: 'all visits counted', status: 'all_counted' },
    },
    {
      id: 'wrong',
      type: 'end',
      typeVersion: 1,
      position: at(3, 160),
      config: { outcome: 'a visit lost or doubled', status: 'miscounted' },
    },
    { id: 'quiet', type: 'end', typeVersion: 1, position: at(2, 160), config: { outcome: 'quiet' } },
  ],
  edges: [
    { id: 'e1', source: 'capture', sourceHandle: 'out', target: 'await' },
    { id: 'e2', source: 'await', sourceHandle: 'event', target: 'check' },
    { id: 'e3', source: 'await', sourceHandle: 'timeout', target: 'quiet' },
    { id: 'e4', source: 'check', sourceHandle: 'all', target: 'all' },
    { id: 'e5', source: 'check', sourceHandle: 'default', target: 'wrong' },
  ],
};

describe('events as mail: never lost, never doubled', () => {
  let dir: string;
  let port: number;
  let temporal: TemporalDevServerHandle;
  let stack: TestStack;
  /** The dev server on its port and SQLite file; again on a restart, once the stopped one has let go of both. */
  const startTemporal = async (): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      try {
        temporal = await startTemporalDevServer({ port, dbFile: path.join(dir, 'temporal.sqlite') });
        return;
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    }
  };
  const lead = async (id: string) => (await stack.api('GET', `/api/leads/${id}`)).body;
  const visits = (id: string, nodeId: string) =>
    stack.db.selectFrom('steps').select('seq').where('lead_id', '=', id).where('node_id', '=', nodeId).execute();

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'leadflow-mail-'));
    port = await freePort();
    await startTemporal();
    stack = await startTestStack({ temporalAddress: temporal.address });
    for (const [slug, draft] of [
      ['replies', repliesGraph],
      ['flood', floodGraph],
    ] as const) {
      await stack.api('POST', '/api/workflows', { name: slug, slug, draft });
      expect((await stack.api('POST', `/api/workflows/${slug}/publish`, { note: 'v1' })).status).toBe(201);
    }
  });
  afterAll(async () => {
    await stack?.stop();
    await temporal?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('delivers all 100 events posted while Temporal was down, each once, and the events of a lead whose run had not started', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 10; i++)
      ids.push(
        (await stack.api('POST', '/api/leads', { workflow: 'replies', email: `down${i}@mail.test` })).body.lead.id,
      );
    for (const id of ids)
      await eventually(async () => (await lead(id)).run.status === 'waiting' && true, `lead ${id} to wait`);

    await stack.worker?.stop();
    await temporal.stop();
    const answers = await Promise.all(
      ids.flatMap((id) =>
        Array.from({ length: 10 }, () => stack.api('POST', `/api/leads/${id}/events`, { type: 'replied' })),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(100).fill(202));
    expect(answers.every((answer) => answer.body.delivered === false)).toBe(true);
    // A lead captured meanwhile: kept, its run not started, its events waiting for it.
    const late = await stack.api('POST', '/api/leads', { workflow: 'replies', email: 'late@mail.test' });
    expect(late.body.started).toBe(false);
    for (let i = 0; i < 5; i++) await stack.api('POST', `/api/leads/${late.body.lead.id}/events`, { type: 'replied' });
    ids.push(late.body.lead.id);

    await startTemporal();
    stack.worker = await stack.startWorker();
    const want = (id: string) => (id === late.body.lead.id ? 5 : 10);
    await eventually(
      async () => {
        await sweepOnce(stack.services, { olderThanMs: 0, mailOlderThanMs: 0 });
        const settled = await Promise.all(
          ids.map(async (id) => {
            const current = await lead(id);
            return (
              current.run.status === 'waiting' &&
              current.custom.replies === want(id) &&
              (await visits(id, 'count')).length === want(id)
            );
          }),
        );
        return settled.every(Boolean);
      },
      'every lead to have taken each of its replies and to wait again',
      120_000,
      1000,
    );
    for (const id of ids) {
      // One visit of `count` per reply, none since: a doubled event would have added one more.
      expect((await lead(id)).custom.replies, id).toBe(want(id));
      const row = await stack.db
        .selectFrom('leads')
        .select(['event_seq', 'delivered_seq'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ event_seq: want(id), delivered_seq: want(id) });
    }
  });

  it('does not skip an event whose doorbell rang before the event had committed', async () => {
    const id = (await stack.api('POST', '/api/leads', { workflow: 'replies', email: 'early-bell@mail.test' })).body.lead
      .id as string;
    await eventually(async () => (await lead(id)).run.status === 'waiting' && true, 'the lead to wait');
    const run = stack.services.temporal.workflow.getHandle(`lead-${id}`);
    const tasksDone = async (): Promise<number> =>
      (await run.fetchHistory()).events?.filter((event) => event.workflowTaskCompletedEventAttributes).length ?? 0;
    // What a busy lead meets: the run reads its mail while a reply is being recorded, and a
    // doorbell for that reply arrives before the read sees it. Here the reply's transaction is
    // held open while the doorbell rings and the run's read completes.
    await stack.db.transaction().execute(async (trx) => {
      const event = await appendLeadEvent(trx, {
        lead_id: id,
        type: 'replied',
        data: '{}',
        occurred_at: new Date(),
        idempotency_key: null,
        idempotency_hash: null,
      });
      const before = await tasksDone();
      await run.signal(leadMailSignal, { seq: event.seq });
      await eventually(async () => (await tasksDone()) > before, 'the run to have read its mail');
    });
    await eventually(
      async () => {
        await sweepOnce(stack.services, { olderThanMs: 0, mailOlderThanMs: 0 });
        return (await lead(id)).custom.replies === 1;
      },
      'the reply to reach the run once it committed',
      30_000,
      500,
    );
    const row = await stack.db
      .selectFrom('leads')
      .select(['event_seq', 'delivered_seq'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ event_seq: 1, delivered_seq: 1 });
    expect(await visits(id, 'count')).toHaveLength(1);
  });

  it('takes 20,000 events in one wait without its history passing 10,240 events, and ends right', async () => {
    const id = (await stack.api('POST', '/api/leads', { workflow: 'flood', email: 'flood@mail.test' })).body.lead
      .id as string;
    await eventually(async () => (await lead(id)).run.status === 'waiting' && true, 'the lead to wait');
    const total = 20_000;
    let sent = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (sent < total) {
          sent++;
          const posted = await stack.api('POST', `/api/leads/${id}/events`, {
            type: 'page_visited',
            data: { url: `/p/${sent}` },
          });
          if (posted.status !== 202) throw new Error(`post ${sent} answered ${posted.status}`);
        }
      }),
    );
    await stack.api('POST', `/api/leads/${id}/events`, { type: 'contacted' });
    const ended = await eventually(
      async () => ((current) => current.run.status === 'completed' && current)(await lead(id)),
      'the lead to end',
      600_000,
      1000,
    );
    expect(ended.status).toBe('all_counted');
    const runs: Array<{ historyLength: number }> = [];
    for await (const execution of stack.services.temporal.workflow.list({ query: `WorkflowId = 'lead-${id}'` }))
      runs.push({ historyLength: execution.historyLength });
    expect(runs.length).toBeGreaterThan(1);
    expect(Math.max(...runs.map((run) => run.historyLength))).toBeLessThanOrEqual(10_240);
  }, 900_000);
});
