import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

// bigint counts (count(*)) come back as strings by default; our counts fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface DatabaseOptions {
  /** Pool size per process. @default 10 */
  maxConnections?: number;
}

export function createDatabase(connectionString: string, options: DatabaseOptions = {}): Kysely<Database> {
  // A connect that never answers (a server half up) fails instead of holding a caller forever.
  const pool = new pg.Pool({ connectionString, max: options.maxConnections ?? 10, connectionTimeoutMillis: 15_000 });
  // An idle connection dropped by the server (restart, failover) must not crash the process; the
  // pool replaces it, and queries in flight fail and are retried by their callers.
  pool.on('error', (error) => console.warn(`postgres: idle connection lost: ${error.message}`));
  // The pool listens for errors only on idle clients. A client checked out (inside a transaction,
  // between two statements) when the server goes away emits 'error' with nobody listening, which
  // would crash the worker or the server. Its query has failed already and the pool drops the
  // client on release, so the error needs no more handling than being heard.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
