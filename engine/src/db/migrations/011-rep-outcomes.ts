import { type Kysely, sql } from 'kysely';

/**
 * A posted event may carry the caller's Idempotency-Key, unique per lead: a retried POST (a
 * double click on "Disqualify", a client retry after a timeout) finds the first event instead of
 * recording a second outcome.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE lead_events ADD COLUMN idempotency_key text;
    CREATE UNIQUE INDEX lead_events_idempotency ON lead_events (lead_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX lead_events_idempotency;
    ALTER TABLE lead_events DROP COLUMN idempotency_key;
  `.execute(db);
}
