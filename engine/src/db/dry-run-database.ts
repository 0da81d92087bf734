import {
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  PostgresAdapter,
  PostgresDriver,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

/** A database whose every write disappears: one connection inside a transaction that is always rolled back. */
export interface DryRunDatabase {
  readonly db: Kysely<Database>;
  /** Rolls everything back and closes the connection. */
  discard(): Promise<void>;
}

/**
 * Code under test run opens its own transactions (assign locks a pool row, writes an assignment);
 * here they become savepoints inside the outer transaction, so they still commit or roll back as
 * units, and the outer rollback undoes them all.
 */
class SavepointDriver extends PostgresDriver {
  private depth = 0;

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    this.depth += 1;
    await connection.executeQuery(CompiledQuery.raw(`savepoint dry_run_${this.depth}`));
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint dry_run_${this.depth}`));
    this.depth -= 1;
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint dry_run_${this.depth}`));
    await connection.executeQuery(CompiledQuery.raw(`release savepoint dry_run_${this.depth}`));
    this.depth -= 1;
  }
}

/**
 * Opens a dry-run database. Row locks taken inside are held until `discard()`, so a lock wait is
 * bounded (`lockTimeoutMs`) rather than stalling live leads behind a test run.
 */
export async function openDryRunDatabase(
  connectionString: string,
  options: { lockTimeoutMs?: number; statementTimeoutMs?: number } = {},
): Promise<DryRunDatabase> {
  const client = new pg.Client({ connectionString });
  // A lost connection fails the test run's next query; unheard, its 'error' would crash the server.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('begin');
    await client.query(`set local lock_timeout = ${Math.trunc(options.lockTimeoutMs ?? 2_000)}`);
    await client.query(`set local statement_timeout = ${Math.trunc(options.statementTimeoutMs ?? 10_000)}`);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  // Every "connection" the driver asks for is this one client; releasing it keeps it open.
  const pinned = { query: client.query.bind(client), release: () => undefined } as unknown as pg.PoolClient;
  const pool = { connect: async () => pinned, end: async () => undefined } as unknown as pg.Pool;
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new SavepointDriver({ pool }),
      createIntrospector: (kysely) => new PostgresIntrospector(kysely),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  let discarded = false;
  return {
    db,
    async discard() {
      if (discarded) return;
      discarded = true;
      try {
        await client.query('rollback');
      } finally {
        await client.end().catch(() => undefined);
      }
    },
  };
}
