import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import * as initialSchema from './migrations/001-initial-schema.js';
import * as routingModel from './migrations/002-routing-model.js';
import * as tasks from './migrations/003-tasks.js';
import * as duplicateKeys from './migrations/004-duplicate-keys.js';
import * as accessControl from './migrations/005-access-control.js';
import * as intakeChannels from './migrations/006-intake-channels.js';
import * as imports from './migrations/007-imports.js';
import * as metrics from './migrations/008-metrics.js';
import * as leadChangeNotify from './migrations/009-lead-change-notify.js';
import * as teamModel from './migrations/010-team-model.js';
import * as repOutcomes from './migrations/011-rep-outcomes.js';
import * as intakeCorrectness from './migrations/012-intake-correctness.js';
import * as eventMail from './migrations/013-event-mail.js';
import * as sendClaims from './migrations/014-send-claims.js';
import * as credentialsAndLeadKeys from './migrations/015-credentials-and-lead-keys.js';
import * as stepDataRetention from './migrations/070-step-data-retention.js';
import * as tokenExpiry from './migrations/071-token-expiry.js';
import * as eventTypeIntake from './migrations/072-event-type-intake.js';

/** Migrations listed in code, not read from disk, so they ship inside the built package. */
const migrations: Record<string, Migration> = {
  '001-initial-schema': initialSchema,
  '002-routing-model': routingModel,
  '003-tasks': tasks,
  '004-duplicate-keys': duplicateKeys,
  '005-access-control': accessControl,
  '006-intake-channels': intakeChannels,
  '007-imports': imports,
  '008-metrics': metrics,
  '009-lead-change-notify': leadChangeNotify,
  '010-team-model': teamModel,
  '011-rep-outcomes': repOutcomes,
  '012-intake-correctness': intakeCorrectness,
  '013-event-mail': eventMail,
  '014-send-claims': sendClaims,
  '015-credentials-and-lead-keys': credentialsAndLeadKeys,
  '070-step-data-retention': stepDataRetention,
  '071-token-expiry': tokenExpiry,
  '072-event-type-intake': eventTypeIntake,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * A database at whatever version of the schema it holds: what migrating and the start-up checks
 * take. Kysely's own type for this is `Kysely<any>` (a `Kysely<Database>` is not assignable to
 * `Kysely<unknown>`).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type AnySchemaDb = Kysely<any>;

/**
 * Migrations that are not Leadflow's core schema: a node type's own tables (a built-in node's, or
 * a node package's). Each set is recorded in a table of its own, so a package can be added or
 * removed without Leadflow's list or another package's looking corrupted (kysely refuses a
 * recorded migration its provider no longer has).
 */
export interface MigrationSet {
  /** The node type's or package's name; its migrations are reported as `<name>: <migration>`. */
  name: string;
  /** `package`: a node package's (the default); `node`: one of Leadflow's own node types'. */
  owner?: 'package' | 'node';
  migrations: Readonly<Record<string, Migration>>;
}

/**
 * `node_package_migrations_<name>` (`node_migrations_<name>` for a built-in node type) with the
 * name made a Postgres identifier (63 bytes at most with `_lock`).
 */
export function migrationTableOf(set: MigrationSet): string {
  const prefix = set.owner === 'node' ? 'node_migrations_' : 'node_package_migrations_';
  return `${prefix}${set.name.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`.slice(0, 58);
}

/**
 * Features land on parallel branches, so a database may already hold a later-numbered migration
 * when an earlier-numbered one arrives; each migration stands alone, so apply the missing ones
 * rather than refuse to start.
 */
const newMigrator = (db: AnySchemaDb): Migrator => new Migrator({ db, provider, allowUnorderedMigrations: true });

const setMigrator = (db: AnySchemaDb, set: MigrationSet): Migrator =>
  new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...set.migrations }) },
    allowUnorderedMigrations: true,
    migrationTableName: migrationTableOf(set),
    migrationLockTableName: `${migrationTableOf(set)}_lock`,
  });

async function latest(migrator: Migrator, label: (name: string) => string): Promise<string[]> {
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(
      `database migration ${failed ? label(failed.migrationName) : ''} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => label(result.migrationName));
}

/**
 * Brings the schema to the latest version, Leadflow's own first, then each set's; safe to run at
 * every start and from many processes.
 */
export async function migrateToLatest(db: AnySchemaDb, sets: readonly MigrationSet[] = []): Promise<string[]> {
  const applied = await latest(newMigrator(db), (name) => name);
  for (const set of sets) applied.push(...(await latest(setMigrator(db, set), (name) => `${set.name}: ${name}`)));
  return applied;
}

/** Brings the schema up or down to the named migration (for rollbacks, and for testing a migration against data of the schema before it). */
export async function migrateTo(db: AnySchemaDb, migrationName: string): Promise<string[]> {
  const migrator = newMigrator(db);
  const { error, results } = await migrator.migrateTo(migrationName);
  if (error)
    throw new Error(`migrating to ${migrationName} failed: ${error instanceof Error ? error.message : String(error)}`);
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/** Migrations this code knows that the database has not applied yet (all of them on an empty database). */
export async function pendingMigrations(db: AnySchemaDb, sets: readonly MigrationSet[] = []): Promise<string[]> {
  const pending = (await newMigrator(db).getMigrations())
    .filter((migration) => !migration.executedAt)
    .map((migration) => migration.name);
  for (const set of sets) {
    const ofSet = await setMigrator(db, set).getMigrations();
    pending.push(
      ...ofSet.filter((migration) => !migration.executedAt).map((migration) => `${set.name}: ${migration.name}`),
    );
  }
  return pending;
}
