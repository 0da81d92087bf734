import type { Database } from '@leadflow/engine/db';
import { type Kysely, sql } from 'kysely';
import type { FailoverClient } from '../support/failover-client.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One lead the run sent, as the client saw it. */
export interface SentLead {
  i: number;
  email: string;
  leadId: string;
  sentAt: number;
  answeredAt: number;
  server: string;
  /** Attempts that got no answer (their server died) before one did. */
  failures: Array<{ server: string; error: string; at: number }>;
}

/** A demo request from a VP at a business domain: the seeded workflow's full path (tier 1 → assign → notify → wait). */
function leadBody(runId: string, i: number): Record<string, unknown> {
  return {
    workflow: 'inbound',
    email: `lead-${i}.${runId}@bigco.com`,
    name: `Cluster Lead ${i}`,
    company: 'BigCo',
    title: 'VP Sales',
    source: 'demo_request',
    country: 'US',
  };
}

export interface CaptureOptions {
  runId: string;
  total: number;
  /**
   * Open loop: one post every 1/rate seconds whatever the answers, as forms arrive, so a slow
   * or recovering cluster shows as latency. Unset: closed loop, `concurrency` posts at a time.
   */
  ratePerSecond?: number;
  /** Closed loop: posts in flight at once. */
  concurrency?: number;
  /** Called (and awaited) after each accepted lead with how many were accepted so far (kills are scheduled on it). */
  onAccepted?: (accepted: number) => Promise<void>;
}

/** Posts `total` leads through the client (each with its own Idempotency-Key) and returns what answered. */
export async function captureLeads(client: FailoverClient, options: CaptureOptions): Promise<SentLead[]> {
  const sent: SentLead[] = [];
  const post = async (i: number): Promise<void> => {
    const body = leadBody(options.runId, i);
    const sentAt = Date.now();
    const answer = await client.send<{ lead?: { id: string } }>(
      'POST',
      '/api/leads',
      body,
      `capture-${options.runId}-${i}`,
    );
    if ((answer.status !== 201 && answer.status !== 200) || !answer.body.lead) {
      throw new Error(`lead ${i} refused by ${answer.server}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    sent.push({
      i,
      email: body.email as string,
      leadId: answer.body.lead.id,
      sentAt,
      answeredAt: Date.now(),
      server: answer.server,
      failures: answer.failures,
    });
    await options.onAccepted?.(sent.length);
  };
  if (options.ratePerSecond) {
    const rate = options.ratePerSecond;
    const start = Date.now();
    const posts: Array<Promise<void>> = [];
    for (let i = 0; i < options.total; i++) {
      const wait = start + (i * 1000) / rate - Date.now();
      if (wait > 0) await sleep(wait);
      posts.push(post(i));
    }
    await Promise.all(posts);
    return sent;
  }
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < options.total) await post(next++);
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 16 }, lane));
  return sent;
}

/**
 * The reps: every lead that reaches the wait for first contact is marked contacted (through the
 * API, with an Idempotency-Key, as the rep inbox posts it), so no lead's 5-minute SLA fires and
 * every run ends. Runs until `stop()`; returns the leads it marked.
 */
export function startReps(
  client: FailoverClient,
  db: Kysely<Database>,
  emailSuffix: string,
): { stop(): Promise<Set<string>>; failures: number } {
  const marked = new Set<string>();
  const state = { running: true, failures: 0 };
  const loop = (async () => {
    while (state.running) {
      const waiting = await db
        .selectFrom('leads')
        .select('id')
        .where('email', 'like', `%${emailSuffix}`)
        .where('run_status', '=', 'waiting')
        .where('current_node_id', '=', 'await-contact')
        .execute()
        .catch(() => []);
      const fresh = waiting.map((row) => row.id).filter((id) => !marked.has(id));
      for (let i = 0; i < fresh.length; i += 8) {
        await Promise.all(
          fresh.slice(i, i + 8).map(async (id) => {
            const answer = await client
              .send('POST', `/api/leads/${id}/events`, { type: 'contacted' }, `contacted-${id}`)
              .catch(() => null);
            if (answer && answer.status === 202) marked.add(id);
            else state.failures++;
          }),
        );
      }
      await sleep(300);
    }
  })();
  return {
    get failures() {
      return state.failures;
    },
    stop: async () => {
      state.running = false;
      await loop;
      return marked;
    },
  };
}

/** Waits until every lead of the run has ended (run completed), or the deadline; returns how many still run. */
export async function awaitAllEnded(
  db: Kysely<Database>,
  emailSuffix: string,
  total: number,
  deadlineMs: number,
): Promise<number> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const row = await db
      .selectFrom('leads')
      .select(sql<number>`count(*) FILTER (WHERE run_status = 'completed')::int`.as('done'))
      .where('email', 'like', `%${emailSuffix}`)
      .executeTakeFirstOrThrow();
    if (row.done >= total || Date.now() > deadline) return total - row.done;
    await sleep(1000);
  }
}
