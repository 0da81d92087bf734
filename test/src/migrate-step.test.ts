import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { type LeadflowProcess, spawnLeadflow, untilReady } from './support/leadflow-process.js';
import { createIsolatedDatabase } from '@leadflow/engine/local-services';
import { eventually } from './support/test-stack.js';

/** Every recorded migration: Leadflow's core list and each built-in node type's table of its own. */
const ALL_MIGRATIONS = "SELECT name FROM kysely_migration UNION ALL SELECT 'task: ' || name FROM node_migrations_task";

/** Leadflow's start-up lock (server/src/lifecycle/migrate-under-lock.ts). */
const MIGRATION_LOCK_KEY = '5496165372376793428';

async function query<T>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Migrations as a deploy step: `npm run migrate` and servers starting together share a Postgres
 * advisory lock, so the schema is migrated exactly once whoever gets there first; a server told
 * not to migrate (LEADFLOW_MIGRATE=off) is alive but not ready until the schema is current.
 */
describe('migrating the database', () => {
  const processes: LeadflowProcess[] = [];
  const spawn = async (command: 'start' | 'migrate', env: Record<string, string>) => {
    const process = await spawnLeadflow(command, {
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      LEADFLOW_WORKER: 'off',
      LEADFLOW_ADMIN_TOKEN: `t-${randomBytes(6).toString('hex')}`,
      ...env,
    });
    processes.push(process);
    return process;
  };
  afterEach(async () => {
    await Promise.all(processes.splice(0).map((process) => process.stop()));
  });

  it('three servers starting at once on an empty database migrate it once and seed it once', async () => {
    const url = await createIsolatedDatabase(inject('databaseUrl'));
    const servers = await Promise.all([1, 2, 3].map(() => spawn('start', { DATABASE_URL: url })));
    await Promise.all(servers.map((server) => untilReady(server)));
    // Leadflow's own migrations and the built-in node types' (the task node's table), each recorded apart.
    const migrations = await query<{ name: string }>(url, ALL_MIGRATIONS);
    expect(migrations.length).toBeGreaterThan(10);
    expect(migrations.map((row) => row.name)).toContain('task: 001-tasks');
    const reports = servers.map((server) =>
      server
        .logLines()
        .find((line) => line.msg === 'database migrated' || line.msg === 'database schema already current'),
    );
    // One server applied every migration; the others found the schema current.
    expect(reports.map((line) => line?.applied).sort()).toEqual([0, 0, migrations.length]);
    expect(await query(url, 'SELECT slug FROM workflows ORDER BY slug')).toEqual([
      { slug: 'inbound' },
      { slug: 'sla-escalation' },
    ]);
    expect(await query(url, 'SELECT count(*)::int AS n FROM reps')).toEqual([{ n: 6 }]);
  });

  it('npm run migrate waits for a lock another holds, and of three runs one applies the migrations', async () => {
    const url = await createIsolatedDatabase(inject('databaseUrl'));
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    const runs = await Promise.all([1, 2, 3].map(() => spawn('migrate', { DATABASE_URL: url })));
    await eventually(
      async () =>
        runs.every((run) => run.output().includes('another process holds the migration lock; waiting for it')),
      'all three to wait for the lock',
    );
    expect(await query(url, "SELECT to_regclass('kysely_migration') IS NULL AS empty")).toEqual([{ empty: true }]);
    await holder.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    await holder.end();
    expect(await Promise.all(runs.map((run) => run.exited))).toEqual([0, 0, 0]);
    const applied = runs.map((run) => Number(/migrated: applied (\d+)/.exec(run.output())?.[1]));
    const migrations = await query<{ name: string }>(url, ALL_MIGRATIONS);
    expect(applied.sort((a, b) => a - b)).toEqual([0, 0, migrations.length]);
  });

  it('a server with LEADFLOW_MIGRATE=off is alive but not ready until npm run migrate has run', async () => {
    const url = await createIsolatedDatabase(inject('databaseUrl'));
    const server = await spawn('start', { DATABASE_URL: url, LEADFLOW_MIGRATE: 'off' });
    await untilReady(server, '/healthz');
    const notReady = await fetch(`${server.url}/readyz`);
    expect(notReady.status).toBe(503);
    const body = (await notReady.json()) as { status: string; migrations: { ok: boolean; error: string } };
    expect(body.status).toBe('not ready');
    expect(body.migrations.ok).toBe(false);
    expect(body.migrations.error).toMatch(
      /^\d+ migration\(s\) not applied yet: 001-initial-schema, .* \(run npm run migrate\)$/,
    );
    expect(await query(url, "SELECT to_regclass('kysely_migration') IS NULL AS empty")).toEqual([{ empty: true }]);

    const migrate = await spawn('migrate', { DATABASE_URL: url });
    expect(await migrate.exited).toBe(0);
    await untilReady(server);
    expect(((await (await fetch(`${server.url}/readyz`)).json()) as { status: string }).status).toBe('ready');
  });
});
