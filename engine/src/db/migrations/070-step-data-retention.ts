import { type Kysely, sql } from 'kysely';

/**
 * Step inputs and outputs are pruned once older than LEADFLOW_STEP_DATA_DAYS; the step rows stay
 * (node, port, reason, times), so trails and metrics keep working. `data_pruned_at` says when, so
 * a trail can tell "pruned" from "had none"; the partial index holds only steps that still carry
 * data, so the hourly prune finds them without reading the pruned rest.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE steps ADD COLUMN data_pruned_at timestamptz`.execute(db);
  await sql`CREATE INDEX steps_with_data ON steps (started_at) WHERE input IS NOT NULL OR output IS NOT NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX steps_with_data`.execute(db);
  await sql`ALTER TABLE steps DROP COLUMN data_pruned_at`.execute(db);
}
