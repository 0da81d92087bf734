import { type Kysely, sql } from 'kysely';

/** A token may carry an expiry; from then on it is refused (401 saying so). Null: it never expires. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE api_tokens DROP COLUMN expires_at`.execute(db);
}
