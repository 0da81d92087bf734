import { type Kysely, sql } from 'kysely';

/**
 * An outbox message is claimed before it is sent: `pending → sending` by one activity attempt
 * (`attempt_id`) until `lease_until`, then `sent` or `failed`, each a compare-and-set. Two
 * overlapping attempts of one notification cannot both send; an attempt that died mid-send lets
 * the next one take over once its lease has run out.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE notifications ADD COLUMN attempt_id text, ADD COLUMN lease_until timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE notifications DROP COLUMN attempt_id, DROP COLUMN lease_until`.execute(db);
}
