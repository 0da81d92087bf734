import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import type { Database } from '@leadflow/engine/db';
import { type Kysely, sql } from 'kysely';
import { type BenchApi, inParallel } from './bench-api.js';
import type { Usage } from './process-usage.js';
import { summarize } from './stats.js';
import { type TemporalCost, temporalCostPerLead } from './temporal-cost.js';

/** The stack's processes by name (server, worker, temporal, postgres), each read from /proc. */
export type Meters = Record<string, () => Usage>;

export interface RateFigure {
  target: string;
  rate: number;
  seconds: number;
  sent: number;
  errors: number;
  unfinished: number;
  captureMs: ReturnType<typeof summarize>;
  assignedMs: ReturnType<typeof summarize>;
  notifiedMs: ReturnType<typeof summarize>;
  /** Leads notified per second, between the first and the last notification. */
  completedPerSecond: number;
  cpuPercent: Record<string, number>;
  /**
   * CPU milliseconds per lead by process, over each lead's whole life (capture, the path to its
   * wait, the contacted event, the end): what a lead costs, which machine load hardly changes.
   */
  cpuMsPerLead: Record<string, number>;
  rssMiB: Record<string, number>;
  /** The whole machine's busy CPU over the phase, % of all cores (other work included). */
  machineCpuPercent: number;
  cores: number;
  /** What a lead cost Temporal on this path (events, tasks), from sampled histories; absent when not measured. */
  temporalPerLead?: TemporalCost;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Busy and total jiffies of the whole machine (Linux /proc/stat). */
export async function machineTicks(): Promise<{ busy: number; total: number }> {
  const fields = (await readFile('/proc/stat', 'utf8')).split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

function read(meters: Meters): Record<string, Usage> {
  return Object.fromEntries(Object.entries(meters).map(([name, meter]) => [name, meter()]));
}

/** Steps' end times of the assign and notify nodes per lead, once every lead is notified or the deadline passes. */
async function awaitNotified(db: Kysely<Database>, ids: readonly string[], deadlineMs: number) {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const rows: Array<{ lead_id: string; assigned: Date | null; notified: Date | null }> = ids.length
      ? await db
          .selectFrom('steps')
          .select([
            'lead_id',
            sql<Date | null>`max(ended_at) FILTER (WHERE node_id = 'assign')`.as('assigned'),
            sql<Date | null>`max(ended_at) FILTER (WHERE node_id = 'alert-owner')`.as('notified'),
          ])
          .where('lead_id', 'in', ids)
          .groupBy('lead_id')
          .execute()
      : [];
    if (rows.filter((row) => row.notified).length === ids.length || Date.now() > deadline) return rows;
    await sleep(250);
  }
}

/** How many of `ids` have a run status among `statuses`. */
export async function countRunStatus(
  db: Kysely<Database>,
  ids: readonly string[],
  statuses: readonly string[],
): Promise<number> {
  let count = 0;
  for (let i = 0; i < ids.length; i += 5000) {
    const row = await db
      .selectFrom('leads')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('id', 'in', ids.slice(i, i + 5000))
      .where('run_status', 'in', statuses)
      .executeTakeFirstOrThrow();
    count += row.n;
  }
  return count;
}

/** Waits until none of `ids` is running or waiting any more (their workflows ended); returns how many still are. */
export async function awaitEnded(db: Kysely<Database>, ids: readonly string[], deadlineMs: number): Promise<number> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const open = ids.length ? await countRunStatus(db, ids, ['running', 'waiting']) : 0;
    if (open === 0 || Date.now() > deadline) return open;
    await sleep(250);
  }
}

/** What an open loop of posts gave: each lead's key (an id, an email) with its POST time, the POSTs' latencies, the failures. */
export interface OpenLoopPosts {
  /** Leads posted: `rate × seconds`. */
  sent: number;
  sentAt: Map<string, number>;
  captureMs: number[];
  errors: number;
}

/**
 * Posts `rate × seconds` leads on a fixed schedule, whatever the answers: `post(i)` resolves to
 * the lead's key, or null when the POST failed.
 */
export async function postOpenLoop(
  rate: number,
  seconds: number,
  post: (i: number) => Promise<string | null>,
): Promise<OpenLoopPosts> {
  const result: OpenLoopPosts = { sent: Math.round(rate * seconds), sentAt: new Map(), captureMs: [], errors: 0 };
  const started = Date.now();
  const posts: Array<Promise<void>> = [];
  for (let i = 0; i < result.sent; i++) {
    const wait = started + (i * 1000) / rate - Date.now();
    if (wait > 0) await sleep(wait);
    posts.push(
      (async () => {
        const t0 = Date.now();
        const key = await post(i).catch(() => null);
        result.captureMs.push(Date.now() - t0);
        if (key) result.sentAt.set(key, t0);
        else result.errors++;
      })(),
    );
  }
  await Promise.all(posts);
  return result;
}

/**
 * Open loop: leads are posted on a fixed schedule whatever the answers, as real forms would, so
 * a slow system shows as latency, not as a politely lower rate. Afterwards every lead is marked
 * contacted and allowed to finish (not measured), so no lead's 5-minute SLA timer fires during a
 * later phase.
 */
export async function runRatePhase(
  api: BenchApi,
  db: Kysely<Database>,
  meters: Meters,
  target: string,
  rate: number,
  seconds: number,
  tag: string,
  temporalAddress?: string,
): Promise<RateFigure> {
  const before = read(meters);
  const machineBefore = await machineTicks();
  const wallStart = performance.now();
  const { sent, sentAt, captureMs, errors } = await postOpenLoop(rate, seconds, (i) =>
    api.captureLead('inbound', `bench-${tag}-${target}-${rate}-${i}@bigco.com`, i),
  );

  const ids = [...sentAt.keys()];
  const rows = await awaitNotified(db, ids, 120_000);
  const wallSeconds = (performance.now() - wallStart) / 1000;
  const after = read(meters);
  const machineAfter = await machineTicks();
  const since = (at: Date | null, id: string) => new Date(at as Date).getTime() - (sentAt.get(id) as number);
  const notified = rows.filter((r) => r.notified);
  const notifiedAt = notified.map((r) => new Date(r.notified as Date).getTime());
  const spanSeconds = (Math.max(...notifiedAt) - Math.min(...notifiedAt)) / 1000;

  await inParallel(ids, 16, (id) => api.contacted(id).catch(() => false));
  await awaitEnded(db, ids, 120_000);
  const ended = read(meters);
  const temporalPerLead = temporalAddress ? await temporalCostPerLead(temporalAddress, ids) : undefined;

  return {
    target,
    rate,
    seconds,
    sent,
    errors,
    unfinished: ids.length - notified.length,
    captureMs: summarize(captureMs),
    assignedMs: summarize(rows.filter((r) => r.assigned).map((r) => since(r.assigned, r.lead_id))),
    notifiedMs: summarize(notified.map((r) => since(r.notified, r.lead_id))),
    // Between the first and the last notification: a sustained rate keeps pace with the posts.
    completedPerSecond: notified.length > 1 ? (notified.length - 1) / Math.max(0.001, spanSeconds) : Number.NaN,
    cpuPercent: Object.fromEntries(
      Object.keys(after).map((name) => [
        name,
        (100 * ((after[name]?.cpuSeconds ?? 0) - (before[name]?.cpuSeconds ?? 0))) / wallSeconds,
      ]),
    ),
    cpuMsPerLead: Object.fromEntries(
      Object.keys(ended).map((name) => [
        name,
        (1000 * ((ended[name]?.cpuSeconds ?? 0) - (before[name]?.cpuSeconds ?? 0))) / Math.max(1, ids.length),
      ]),
    ),
    rssMiB: Object.fromEntries(Object.entries(after).map(([name, u]) => [name, u.rssBytes / 2 ** 20])),
    cores: cpus().length,
    machineCpuPercent:
      (100 * (machineAfter.busy - machineBefore.busy)) / Math.max(1, machineAfter.total - machineBefore.total),
    ...(temporalPerLead && { temporalPerLead }),
  };
}

/** The bound on speed to lead (owner notified) p99 beyond which a rate counts as not sustained: one second. */
export const P99_BOUND_MS = 1_000;

/** Why a rate is not sustained (completed below 90 % of offered, errors, p99 beyond the bound), or null. */
export function saturation(figure: RateFigure): string | null {
  if (figure.errors + figure.unfinished > 0) return `${figure.errors + figure.unfinished} leads failed or unfinished`;
  if (figure.completedPerSecond < 0.9 * figure.rate)
    return `completed ${figure.completedPerSecond.toFixed(1)}/s < 90 % of ${figure.rate}/s`;
  if (figure.notifiedMs.p99 >= P99_BOUND_MS)
    return `speed to lead p99 ${figure.notifiedMs.p99} ms ≥ ${P99_BOUND_MS} ms`;
  return null;
}
