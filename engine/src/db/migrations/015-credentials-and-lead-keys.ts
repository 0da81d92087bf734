import { type Kysely, sql } from 'kysely';

/**
 * Secrets leave node configs for a store of their own, sealed (AES-256-GCM under the keyring,
 * LEADFLOW_SECRET_KEY); configs name a credential by id. Each lead gets a data key its Temporal
 * payloads are encrypted with; erasing the lead destroys the key (its history can no longer be
 * read anywhere) and leaves a tombstone of the lead without personal data.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE credentials (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL UNIQUE,
      kind text NOT NULL,
      sealed_secret text NOT NULL,
      fingerprint text NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz
    );
    CREATE TABLE lead_keys (
      lead_id uuid PRIMARY KEY,
      sealed_key text,
      created_at timestamptz NOT NULL DEFAULT now(),
      erased_at timestamptz
    );
    ALTER TABLE leads ADD COLUMN erased_at timestamptz;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE leads DROP COLUMN erased_at;
    DROP TABLE lead_keys;
    DROP TABLE credentials;
  `.execute(db);
}
