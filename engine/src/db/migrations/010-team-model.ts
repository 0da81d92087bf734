import { type Kysely, sql } from 'kysely';

/**
 * The rest of the sales team model: a rep's role (SDR, AE, manager …) and archiving. A rep whom
 * leads, assignments or tasks still name is archived rather than deleted, so history keeps the
 * name and routing skips them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE reps
      ADD COLUMN role text,
      ADD COLUMN archived_at timestamptz;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE reps DROP COLUMN archived_at, DROP COLUMN role;`.execute(db);
}
