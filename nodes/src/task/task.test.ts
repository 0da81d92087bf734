import { migrateToLatest, migrationTableOf } from '@leadflow/engine/db';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testActivityContext } from '../shared/test-support/activity-context.js';
import { openTestDatabase, type TestDatabase } from '../shared/test-support/test-database.js';
import { nodeMigrationSets } from '../server.js';
import { taskActivity } from './activity.js';
import { taskServer } from './server.js';
import type { TaskTables } from './tables.js';

// The task node is one folder: definition, activity, table, migration, routes, erasure. These run
// its own halves on the real test Postgres (the routes run in test/src/task-cadence.test.ts).
let store: TestDatabase;
let tasks: Kysely<TaskTables>;
let ava: string;
beforeAll(async () => {
  store = await openTestDatabase();
  tasks = store.db as unknown as Kysely<TaskTables>;
  ava = await store.rep({ name: 'Ava Patel', email: 'ava@task.test' });
});
afterAll(() => store.close());

const config = { title: 'Call {{fullName}}', dueIn: '1d', priority: 'high' as const, note: 'About {{company}}' };

describe('task node', () => {
  it('makes one task per lead, node and visit, for the lead’s owner, however often the activity is retried', async () => {
    const lead = await store.lead({ fullName: 'Jane Doe', company: 'Acme', ownerId: ava, ownerName: 'Ava Patel' });
    const first = await taskActivity.run(config, testActivityContext({ lead, db: store.db }));
    const retried = await taskActivity.run(config, testActivityContext({ lead, db: store.db, attempt: 2 }));
    expect(retried.output).toEqual(first.output);
    const rows = await tasks.selectFrom('tasks').selectAll().where('lead_id', '=', lead.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rep_id: ava, title: 'Call Jane Doe', note: 'About Acme', priority: 'high' });
    expect(first.reason).toMatch(/^task "Call Jane Doe" for Ava Patel, due \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
  });

  it('keeps its migration in a table of its own, and finds a table Leadflow’s old 003-tasks made', async () => {
    const [set] = nodeMigrationSets;
    expect(set && migrationTableOf(set)).toBe('node_migrations_task');
    const { rows } = await sql<{ name: string }>`SELECT name FROM node_migrations_task`.execute(store.db);
    expect(rows.map((row) => row.name)).toEqual(['001-tasks']);
    // A database upgraded from before the move already has the table: the migration must not fail on it.
    await sql`DELETE FROM node_migrations_task`.execute(store.db);
    expect(await migrateToLatest(store.db, nodeMigrationSets)).toEqual(['task: 001-tasks']);
  });

  it('erases what it keeps of a lead, and counts the tasks naming a rep', async () => {
    const lead = await store.lead({ ownerId: ava });
    const other = await store.lead({ ownerId: ava });
    for (const each of [lead, other]) await taskActivity.run(config, testActivityContext({ lead: each, db: store.db }));
    const before = (await taskServer.repReferences?.(store.db, ava))?.tasks ?? 0;
    await store.db.transaction().execute((trx) => taskServer.eraseLead!(trx, lead.id));
    const left = await tasks
      .selectFrom('tasks')
      .select('lead_id')
      .where('lead_id', 'in', [lead.id, other.id])
      .execute();
    expect(left.map((row) => row.lead_id)).toEqual([other.id]);
    expect(await taskServer.repReferences?.(store.db, ava)).toEqual({ tasks: before - 1 });
    const nobody = await store.rep({ name: 'Nobody', email: 'nobody@task.test' });
    expect(await taskServer.repReferences?.(store.db, nobody)).toEqual({});
  });
});
