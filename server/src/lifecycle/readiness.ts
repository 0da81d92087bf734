import { type AnySchemaDb, type MigrationSet, pendingMigrations } from '@leadflow/engine/db';
import { sql } from 'kysely';

export interface Check {
  ok: boolean;
  error?: string;
}

export interface ReadinessReport {
  ready: boolean;
  db: Check;
  temporal: Check;
  migrations: Check;
  draining: boolean;
}

/** Runs a probe with a deadline, so a hung dependency reads as "not ready", not as a hung probe. */
export async function probe(check: () => Promise<unknown>, timeoutMs = 2000): Promise<Check> {
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000}s`)), timeoutMs).unref(),
      ),
    ]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/**
 * Whether this server should get traffic: Postgres and Temporal answer, the schema is current
 * (with LEADFLOW_MIGRATE=off another step migrates it), and it is not shutting down. `/healthz`
 * stays "alive" through all of that; `/readyz` is what a load balancer routes by.
 */
export class Readiness {
  private draining = false;
  private migrated = false;

  constructor(
    private readonly db: AnySchemaDb,
    private readonly temporal: () => Promise<unknown>,
    /** Node packages' migrations, which must be applied too. */
    private readonly migrationSets: readonly MigrationSet[] = [],
  ) {}

  /** From now on `/readyz` answers 503 and responses ask clients to close their connections. */
  startDraining(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  async report(): Promise<ReadinessReport> {
    const [db, temporal, migrations] = await Promise.all([
      probe(() => sql`SELECT 1`.execute(this.db)),
      probe(this.temporal),
      this.migrations(),
    ]);
    return {
      ready: db.ok && temporal.ok && migrations.ok && !this.draining,
      db,
      temporal,
      migrations,
      draining: this.draining,
    };
  }

  private async migrations(): Promise<Check> {
    // A schema once current stays current for this code.
    if (this.migrated) return { ok: true };
    const check = await probe(async () => {
      const pending = await pendingMigrations(this.db, this.migrationSets);
      if (pending.length)
        throw new Error(`${pending.length} migration(s) not applied yet: ${pending.join(', ')} (run npm run migrate)`);
    });
    this.migrated = check.ok;
    return check;
  }
}
