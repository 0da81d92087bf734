import type { LeadContext } from '@leadflow/engine';
import { createDatabase, type Database, migrateToLatest } from '@leadflow/engine/db';
import { createIsolatedDatabase } from '@leadflow/engine/local-services';
import type { Insertable, Kysely } from 'kysely';
import { inject } from 'vitest';
import { nodeMigrationSets } from '../../server.js';
import { testLead } from './activity-context.js';

export interface TestDatabase {
  db: Kysely<Database>;
  /** A stored lead (a workflow is made for it), and the lead context a node sees for it. */
  lead(fields?: Partial<LeadContext>): Promise<LeadContext>;
  rep(fields: Partial<Insertable<Database['reps']>> & { name: string; email: string }): Promise<string>;
  team(id: string, managerRepId?: string): Promise<void>;
  close(): Promise<void>;
}

/** A migrated database of the test file's own in the real test Postgres (see global-setup.ts). */
export async function openTestDatabase(): Promise<TestDatabase> {
  const db = createDatabase(await createIsolatedDatabase(inject('databaseUrl'), 'leadflow_nodes'));
  // The node types' own tables (the task node's) beside Leadflow's schema, as the server migrates them.
  await migrateToLatest(db, nodeMigrationSets);
  let workflowId: string | undefined;
  return {
    db,
    async lead(fields = {}) {
      workflowId ??= (
        await db
          .insertInto('workflows')
          .values({ slug: 'nodes-test', name: 'nodes test', draft: '{}' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      const email = fields.email ?? `lead-${Math.random().toString(36).slice(2)}@test.example`;
      const row = await db
        .insertInto('leads')
        .values({
          workflow_id: workflowId,
          workflow_version: 1,
          email,
          email_normalized: email,
          owner_id: fields.ownerId ?? null,
          team_id: fields.teamId ?? null,
          fields: '{}',
          custom: '{}',
          first_touch: '{}',
          last_touch: '{}',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return testLead({ ...fields, id: row.id, email });
    },
    async rep(fields) {
      return (await db.insertInto('reps').values(fields).returning('id').executeTakeFirstOrThrow()).id;
    },
    async team(id, managerRepId) {
      await db
        .insertInto('teams')
        .values({ id, name: id, manager_rep_id: managerRepId ?? null })
        .execute();
    },
    close: () => db.destroy(),
  };
}
