import { createDatabase, type Database, migrateToLatest } from '@leadflow/engine/db';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createIsolatedDatabase } from '@leadflow/engine/local-services';

describe('migrations', () => {
  let db: Kysely<Database>;

  beforeAll(async () => {
    db = createDatabase(await createIsolatedDatabase(inject('databaseUrl')));
  });
  afterAll(async () => db?.destroy());

  it('apply a migration that arrived after a later-numbered one already ran', async () => {
    // A database that ran 008 and 009 from one branch before 007 (imports) landed from another.
    await migrateToLatest(db);
    await sql`DROP TABLE import_errors; DROP TABLE imports; DROP INDEX leads_started_unstepped`.execute(db);
    await sql`DELETE FROM kysely_migration WHERE name = '007-imports'`.execute(db);

    const applied = await migrateToLatest(db);

    expect(applied).toEqual(['007-imports']);
    const tables = await sql<{
      name: string;
    }>`SELECT table_name AS name FROM information_schema.tables WHERE table_name IN ('imports', 'lead_stage_changes')`.execute(
      db,
    );
    expect(tables.rows.map((row) => row.name).sort()).toEqual(['imports', 'lead_stage_changes']);
  });
});
