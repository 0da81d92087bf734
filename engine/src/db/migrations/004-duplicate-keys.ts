import { type Kysely, sql } from 'kysely';

/**
 * Capture v2's second duplicate key: one person at one company (`acme.com|jane doe`). Unique, so
 * two submissions of the same person with different addresses cannot both insert a lead, however
 * close together they arrive; NULL (free mail, no full name, or not matched by name) never clashes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE leads ADD COLUMN person_key text;
    CREATE UNIQUE INDEX leads_person_key ON leads (person_key) WHERE person_key IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX leads_person_key;
    ALTER TABLE leads DROP COLUMN person_key;
  `.execute(db);
}
