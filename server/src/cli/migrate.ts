#!/usr/bin/env node
import { createDatabase, pendingMigrations } from '@leadflow/engine/db';
import { readConfig } from '../config.js';
import { migrateUnderLock } from '../lifecycle/migrate-under-lock.js';
import { loadNodeLibrary, migrationSetsOf } from '../node-packages/node-library.js';

/**
 * `npm run migrate`: the schema migration as a deploy step of its own, before servers and workers
 * of the new version start (with LEADFLOW_MIGRATE=off they do not migrate themselves). Safe to run
 * from several places at once: an advisory lock lets one apply the migrations.
 */
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: npm run migrate needs the Postgres to migrate');
  // The tables of the node packages the servers will load (LEADFLOW_NODE_PACKAGES), too.
  const sets = migrationSetsOf(await loadNodeLibrary(readConfig().nodePackages));
  const db = createDatabase(url, { maxConnections: 1 });
  try {
    const pending = await pendingMigrations(db, sets);
    console.log(
      pending.length ? `migrating: ${pending.length} to apply (${pending.join(', ')})` : 'migrating: nothing to apply',
    );
    const applied = await migrateUnderLock(
      db,
      () => console.log('another process holds the migration lock; waiting for it'),
      sets,
    );
    console.log(
      `migrated: applied ${applied.length}${applied.length ? ` (${applied.join(', ')})` : ''}; the schema is current`,
    );
  } finally {
    await db.destroy();
  }
}

main().catch((error: Error) => {
  console.error(`migration failed: ${error.message}`);
  process.exit(1);
});
