import { type Kysely, sql } from 'kysely';

/**
 * Whether capture tokens (website code, integrations) may post a custom event type. Off unless
 * an admin or editor says so: a custom type may drive a workflow as a rep outcome would.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE event_types ADD COLUMN intake boolean NOT NULL DEFAULT false`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE event_types DROP COLUMN intake`.execute(db);
}
