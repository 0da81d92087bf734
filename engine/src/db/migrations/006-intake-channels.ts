import { type Kysely, sql } from 'kysely';

/**
 * Capture channels that face the public internet: web forms reached by a per-form public key,
 * and webhook sources that sign what they send. `webhook_deliveries` remembers each accepted
 * signed delivery for as long as its timestamp is fresh, so a captured request cannot be replayed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE forms (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      public_key text NOT NULL UNIQUE,
      allowed_origins text[] NOT NULL DEFAULT '{}',
      workflow_id uuid REFERENCES workflows(id),
      honeypot_field text NOT NULL DEFAULT 'website',
      rate_limit_per_minute integer NOT NULL DEFAULT 10 CHECK (rate_limit_per_minute > 0),
      redirect_url text,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE webhook_sources (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      secret text NOT NULL,
      previous_secret text,
      previous_secret_expires_at timestamptz,
      workflow_id uuid REFERENCES workflows(id),
      field_mapping jsonb,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE webhook_deliveries (
      source_id uuid NOT NULL REFERENCES webhook_sources(id) ON DELETE CASCADE,
      digest text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (source_id, digest)
    );
    CREATE INDEX webhook_deliveries_received ON webhook_deliveries (received_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE webhook_deliveries; DROP TABLE webhook_sources; DROP TABLE forms;`.execute(db);
}
