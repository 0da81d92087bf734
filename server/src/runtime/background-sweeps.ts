import type { Database } from '@leadflow/engine/db';
import { type Kysely, sql } from 'kysely';
import type { AppServices } from '../services/app-services.js';

export interface SweepOptions {
  /** @default 5000 */
  intervalMs?: number;
  /**
   * Most leads whose workflow has started but whose worker has not yet recorded a first step
   * (the workers' backlog); the sweep only tops the backlog up to this. @default 200
   */
  backlogLimit?: number;
  /** Leads younger than this are left to the path that captured them. @default 5000 */
  olderThanMs?: number;
  /** Unread mail younger than this is left to the ring that announced it. @default 3000 */
  mailOlderThanMs?: number;
}

/**
 * The workers' backlog: leads started in the last 15 minutes that no worker has yet taken a step
 * for. Older ones are left out, so a lead stuck before its first step cannot stall the sweep.
 */
async function workerBacklog(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('leads')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('run_status', '=', 'running')
    .where('current_node_id', 'is', null)
    .where('workflow_started_at', '>', sql<Date>`now() - interval '15 minutes'`)
    .executeTakeFirstOrThrow();
  return row.count;
}

/**
 * One housekeeping pass: mark failed the imports whose server stopped mid-file; start lead
 * workflows that have not started — Temporal was down, or a CSV import wrote the leads — but
 * only as many as the workers' backlog has room for (a 100,000-row import thus reaches Temporal
 * at the pace the workers run leads, not as a burst); ring again for leads whose run has unread
 * mail (a ring lost while Temporal was down). Returns how many workflows it started.
 */
export async function sweepOnce(services: AppServices, options: SweepOptions = {}): Promise<number> {
  await services.imports.store.failInterrupted();
  const room = (options.backlogLimit ?? 200) - (await workerBacklog(services.db));
  const started = room > 0 ? await services.runs.startPending(options.olderThanMs ?? 5000, room) : 0;
  await services.runs.redeliverMail(options.mailOlderThanMs ?? 3000);
  return started;
}

/**
 * Runs `sweepOnce` now and then every interval, one pass at a time (a slow pass is never
 * overlapped by the next). The first pass runs at once, so an import a crash left `running` is
 * closed as soon as the server is back. Returns a stop function.
 */
export function startBackgroundSweeps(services: AppServices, options: SweepOptions = {}): () => Promise<void> {
  let pass: Promise<unknown> | null = null;
  const run = (): void => {
    pass ??= sweepOnce(services, options)
      .catch(() => undefined)
      .finally(() => {
        pass = null;
      });
  };
  run();
  const timer = setInterval(run, options.intervalMs ?? 5000);
  return async () => {
    clearInterval(timer);
    await pass;
  };
}
