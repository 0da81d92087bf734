import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, type Database } from '@leadflow/engine/db';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterStack, startClusterStack } from './cluster-stack.js';
import { figuresOf, type Kill, meterStack, printFigures } from './cluster-figures.js';
import { exactlyOnce } from './exactly-once.js';
import { FailoverClient } from '../support/failover-client.js';
import { awaitAllEnded, captureLeads, startReps } from './lead-traffic.js';
import { scrapeWorkerShares } from './worker-shares.js';

/**
 * `npm run test:cluster`: Leadflow as a production deployment runs it — a Temporal cluster on
 * PostgreSQL (frontend, history, matching and worker as separate processes), two API servers
 * without workers, three standalone workers — with mTLS to Temporal and TLS to Postgres
 * (certificates made by the run; LEADFLOW_CLUSTER_PLAIN=1 runs without). Leads are posted
 * across both servers; mid-run one worker and one API server are killed with SIGKILL. Every
 * lead must then be stored, assigned, notified and ended exactly once, and every worker must
 * have taken work. LEADFLOW_CLUSTER_RUN=smoke is the small run CI does.
 */
const smoke = process.env.LEADFLOW_CLUSTER_RUN === 'smoke';
const settings = {
  leads: Number(process.env.LEADFLOW_CLUSTER_LEADS ?? (smoke ? 150 : 2000)),
  /** Leads posted per second (open loop); 0: as fast as 16 posts in flight allow (a capacity probe). */
  rate: Number(process.env.LEADFLOW_CLUSTER_RATE ?? 6),
  servers: 2,
  workers: 3,
  secure: process.env.LEADFLOW_CLUSTER_PLAIN !== '1',
  /** Kill a worker once this share of the leads was accepted, and an API server at the second. */
  killWorkerAt: 0.3,
  killServerAt: 0.55,
};
const runId = Date.now().toString(36);
const artifacts = fileURLToPath(new URL(`../../artifacts/cluster/${runId}/`, import.meta.url));

const topology = `${settings.servers} API servers and ${settings.workers} workers${settings.secure ? ', mTLS' : ''}`;

describe(`a Temporal cluster on Postgres, ${topology}`, () => {
  let stack: ClusterStack;
  let db: Kysely<Database>;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    stack = await startClusterStack({
      servers: settings.servers,
      workers: settings.workers,
      secure: settings.secure,
      logDir: path.join(artifacts, 'logs'),
    });
    db = createDatabase(stack.databaseUrl, { maxConnections: 4 });
  });
  afterAll(async () => {
    await db?.destroy();
    await stack?.stop();
  });

  it(`takes ${settings.leads} leads across both servers, loses a worker and a server, and ends every lead exactly once`, async () => {
    const client = new FailoverClient(stack.servers, stack.token);
    const shares = scrapeWorkerShares(stack.workers);
    const reps = startReps(client, db, `.${runId}@bigco.com`);
    const [victimWorker, victimServer] = [stack.workers[0]!, stack.servers[0]!];
    const kills: Kill[] = [];
    let stage = 0;
    let stepsAtFirstKill: Record<string, number> = {};
    const meter = meterStack(stack);

    const started = Date.now();
    const sent = await captureLeads(client, {
      runId,
      total: settings.leads,
      ...(settings.rate > 0 ? { ratePerSecond: settings.rate } : { concurrency: 16 }),
      onAccepted: async (accepted) => {
        // `stage` is claimed before any await, so of the lanes passing the mark only one kills.
        if (stage === 0 && accepted >= settings.leads * settings.killWorkerAt) {
          stage = 1;
          // Every worker's share so far, and the victim's last word, read just before it dies.
          await shares.scrapeNow();
          stepsAtFirstKill = shares.steps();
          victimWorker.child.kill('SIGKILL');
          kills.push({
            name: victimWorker.name,
            what: `${victimWorker.name} (kill -9)`,
            at: Date.now(),
            leadsBefore: accepted,
          });
        } else if (stage === 1 && kills.length === 1 && accepted >= settings.leads * settings.killServerAt) {
          stage = 2;
          victimServer.child.kill('SIGKILL');
          kills.push({
            name: victimServer.name,
            what: `${victimServer.name} (kill -9)`,
            at: Date.now(),
            leadsBefore: accepted,
          });
        }
      },
    });
    const captureSeconds = (Date.now() - started) / 1000;

    const unfinished = await awaitAllEnded(db, `.${runId}@bigco.com`, settings.leads, 15 * 60_000);
    const marked = await reps.stop();
    await shares.stop();
    const usage = meter.stop();
    client.close();

    const report = await exactlyOnce(db, sent, stack.smtp.messages);
    const figures = await figuresOf(db, {
      settings,
      sent,
      kills,
      captureSeconds,
      shares,
      report,
      marked: marked.size,
      usage,
      stepsAtFirstKill,
    });
    writeFileSync(path.join(artifacts, 'figures.json'), JSON.stringify(figures, null, 2));
    for (const [name, text] of Object.entries(shares.lastScrapes()))
      writeFileSync(path.join(artifacts, `${name}.metrics.txt`), text);
    printFigures(figures);

    expect(unfinished, 'leads whose run had not ended').toBe(0);
    expect(report).toMatchObject({
      sent: settings.leads,
      lost: 0,
      stored: settings.leads,
      unassigned: 0,
      doubleAssigned: 0,
      missingNotifications: 0,
      doubledNotifications: 0,
      failedNotifications: 0,
      escalations: 0,
      completed: settings.leads,
      contacted: settings.leads,
      emailsRepeatedWithoutRetry: 0,
    });
    // Every owner alert reached the mail server; a copy could come only from the one window the
    // design leaves to the receiver (sent, then killed before marking sent), with the same Message-ID.
    expect(report.emailsReceived).toBe(settings.leads);
    expect(kills.map((kill) => kill.what)).toEqual([
      `${victimWorker.name} (kill -9)`,
      `${victimServer.name} (kill -9)`,
    ]);
    // Both servers took leads, and every worker (the killed one before it died) ran steps.
    expect(new Set(sent.map((lead) => lead.server))).toEqual(new Set(stack.servers.map((server) => server.name)));
    for (const worker of stack.workers)
      expect(figures.workerSharesBeforeKill[worker.name]?.steps ?? 0, `${worker.name}'s steps`).toBeGreaterThan(0);
  });
});
