import { createDatabase } from '@leadflow/engine/db';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';

/**
 * When Postgres restarts or fails over, connections in use die with it. The worker and the server
 * must see failed queries (which their callers retry), not crash on an 'error' nobody hears.
 */
describe('a connection lost while checked out of the pool', () => {
  const db = createDatabase(inject('databaseUrl'), { maxConnections: 2 });
  const admin = new pg.Client({ connectionString: inject('databaseUrl') });
  afterAll(async () => {
    await db.destroy();
    await admin.end();
  });

  it('fails the transaction it was in, and the pool goes on with a new connection', async () => {
    await admin.connect();
    const transaction = db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx);
      // The server ends this connection while the transaction holds it between two statements
      // (and waits until that backend is gone). Unheard, the client's 'error' is an uncaught
      // exception, which vitest reports as a failed run.
      await admin.query('SELECT pg_terminate_backend($1, 10000)', [rows[0]?.pid]);
      await sql`SELECT 1`.execute(trx);
    });
    await expect(transaction).rejects.toThrow(/terminat|not queryable/i);

    const { rows } = await sql<{ one: number }>`SELECT 1 AS one`.execute(db);
    expect(rows[0]?.one).toBe(1);
  });
});
