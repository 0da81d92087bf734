import { randomBytes } from 'node:crypto';
import { createDatabase, type Database } from '@leadflow/engine/db';
import type { SmtpSink } from '@leadflow/nodes/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exactlyOnce } from './cluster/exactly-once.js';
import { awaitAllEnded, captureLeads, startReps } from './cluster/lead-traffic.js';
import { type Answer, FailoverClient } from './support/failover-client.js';
import { type LeadflowProcess, processEnv, spawnLeadflow, untilReady } from './support/leadflow-process.js';

const LEADS = 120;
const STOP_AFTER = 40;

/** Reads an SSE response to its end; resolves how it ended: the server closed it cleanly, or it broke. */
async function readStream(response: Response): Promise<{ ended: 'cleanly' | 'broken'; frames: string }> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  let frames = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { ended: 'cleanly', frames };
      frames += Buffer.from(value).toString();
    }
  } catch {
    return { ended: 'broken', frames };
  }
}

/**
 * SIGTERM under load, as a rolling deploy sends it: the API server turns unready, keeps serving
 * while the load balancer (here the test's failover client, which polls /readyz) moves away,
 * then closes — requests in flight finish, its SSE streams end cleanly — and the worker
 * finishes the activities it runs before it exits. Not one request may fail, and no activity
 * may need a second attempt because its worker left.
 */
describe('graceful shutdown under load', () => {
  let smtp: SmtpSink;
  let db: Kysely<Database>;
  const servers: LeadflowProcess[] = [];
  const workers: LeadflowProcess[] = [];
  const token = `drain-${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    const shared = await processEnv('drain');
    const env = shared.env;
    smtp = shared.smtp;
    db = createDatabase(shared.databaseUrl);
    // The first server migrates and seeds; the second finds that done.
    servers.push(
      await spawnLeadflow('start', {
        ...env,
        LEADFLOW_WORKER: 'off',
        LEADFLOW_ADMIN_TOKEN: token,
        LEADFLOW_SHUTDOWN_DELAY_MS: '1500',
      }),
    );
    await untilReady(servers[0]!);
    servers.push(await spawnLeadflow('start', { ...env, LEADFLOW_WORKER: 'off', LEADFLOW_ADMIN_TOKEN: token }));
    for (let i = 0; i < 2; i++)
      workers.push(await spawnLeadflow('worker', { ...env, LEADFLOW_SHUTDOWN_GRACE_MS: '20000' }));
    await Promise.all([...servers, ...workers].map((process) => untilReady(process)));
  });
  afterAll(async () => {
    await Promise.all([...servers, ...workers].map((process) => process.stop()));
    await smtp?.stop();
    await db?.destroy();
  });

  it('stops an API server and a worker mid-load with 0 failed requests, clean SSE ends and no activity retried', async () => {
    const [leaving, staying] = [servers[0]!, servers[1]!];
    const client = new FailoverClient(
      [
        { name: 'leaving', url: leaving.url },
        { name: 'staying', url: staying.url },
      ],
      token,
      100,
    );
    const runId = randomBytes(4).toString('hex');
    const suffix = `.${runId}@bigco.com`;
    const reps = startReps(client, db, suffix);
    // A rep's live lead list, open on the server that will leave.
    const stream = await fetch(`${leaving.url}/api/leads/stream`, { headers: { authorization: `Bearer ${token}` } });
    expect(stream.status).toBe(200);
    const streamEnd = readStream(stream);

    let stopped: Promise<[number | null, number | null]> | undefined;
    const sent = await captureLeads(client, {
      runId,
      total: LEADS,
      concurrency: 8,
      onAccepted: async (accepted) => {
        if (accepted === STOP_AFTER) {
          stopped = Promise.all([leaving.stop('SIGTERM'), workers[0]!.stop('SIGTERM')]);
        }
      },
    });
    const exits = await stopped;
    expect(
      exits,
      `exit codes; their last output:\n${leaving.output().slice(-1500)}\n${workers[0]!.output().slice(-1500)}`,
    ).toEqual([0, 0]);
    expect(await awaitAllEnded(db, suffix, LEADS, 120_000)).toBe(0);
    const marked = await reps.stop();
    client.close();

    // Both servers took leads, the leaving one until it drained.
    const byServer = (name: string) => sent.filter((lead) => lead.server === name);
    expect(byServer('leaving').length).toBeGreaterThan(0);
    expect(byServer('staying').length).toBeGreaterThan(0);
    // Not one request lost its connection or got a 5xx: every answer was the first one.
    const failed: Array<Answer<unknown>['failures'][number]> = sent.flatMap((lead) => lead.failures);
    expect(failed).toEqual([]);
    expect(reps.failures).toBe(0);
    expect(marked.size).toBe(LEADS);

    // The stream on the leaving server ended as a server ends it, not cut mid-frame.
    const { ended, frames } = await streamEnd;
    expect(ended).toBe('cleanly');
    expect(frames).toContain('retry: 3000');
    // The leaving server said so in its logs.
    expect(leaving.logLines().map((line) => line.msg)).toEqual(
      expect.arrayContaining(['draining: /readyz is 503, finishing requests in flight', 'stopped']),
    );
    expect(workers[0]!.logLines().map((line) => line.msg)).toEqual(
      expect.arrayContaining(['worker shutting down: finishing running tasks', 'worker stopped']),
    );

    const report = await exactlyOnce(db, sent, smtp.messages);
    expect(report).toMatchObject({
      lost: 0,
      unassigned: 0,
      doubleAssigned: 0,
      missingNotifications: 0,
      doubledNotifications: 0,
      completed: LEADS,
      emailsReceived: LEADS,
      emailsRepeated: 0,
    });
    // The leaving worker finished what it had started: nothing ran twice.
    expect(report.retriedSteps).toBe(0);
    // And a new stream on the server that stayed works.
    const again = await fetch(`${staying.url}/api/leads/stream`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(2000),
    });
    expect(again.status).toBe(200);
    await again.body?.cancel();
  });
});
