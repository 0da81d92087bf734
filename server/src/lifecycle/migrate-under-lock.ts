import { type AnySchemaDb, type MigrationSet, migrateToLatest } from '@leadflow/engine/db';
import { sql } from 'kysely';

/** Leadflow's advisory lock key for start-up work on the schema (any fixed bigint; "LFMIGRAT" in ASCII). */
export const MIGRATION_LOCK_KEY = 0x4c464d4947524154n;

/**
 * Runs `work` on one connection while holding a session-level Postgres advisory lock, so
 * processes that start together (servers, `npm run migrate`) do their start-up schema work one
 * at a time: the first does it, the others wait and then find nothing left to do.
 */
export async function withStartLock<T>(
  db: AnySchemaDb,
  onWait: () => void,
  work: (connection: AnySchemaDb) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (connection) => {
    const { rows } = await sql<{
      locked: boolean;
    }>`SELECT pg_try_advisory_lock(${MIGRATION_LOCK_KEY}) AS locked`.execute(connection);
    if (!rows[0]?.locked) {
      onWait();
      await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(connection);
    }
    try {
      return await work(connection);
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(connection);
    }
  });
}

/** Brings the schema (and node packages' tables) to the latest version under the start lock; returns the migrations this call applied. */
export async function migrateUnderLock(
  db: AnySchemaDb,
  onWait: () => void = () => undefined,
  sets: readonly MigrationSet[] = [],
): Promise<string[]> {
  return withStartLock(db, onWait, (connection) => migrateToLatest(connection, sets));
}
