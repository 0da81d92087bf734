import { type Kysely, sql } from 'kysely';

/**
 * What intake keeps so that no lead is lost or silently changed:
 * - a phone number is kept as typed (`phone_raw`) with whether it could be read (`phone_valid`),
 *   instead of refusing the lead when it cannot;
 * - the company as typed stays in `company`; the form used for matching is `company_normalized`;
 * - an Idempotency-Key remembers the hash of the request it came with, so the same key sent with
 *   another body is refused instead of replaying the first answer;
 * - a form may say which country its visitors' phone numbers are read in;
 * - the event types a workflow may wait for and a caller may post are a catalog: the built-in
 *   ones live in code, custom ones here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE leads
      ADD COLUMN phone_raw text,
      ADD COLUMN phone_valid boolean,
      ADD COLUMN company_normalized text,
      ADD COLUMN idempotency_hash text;
    -- Leads stored before kept only numbers that could be read, and the company normalized.
    UPDATE leads SET phone_raw = phone, phone_valid = true WHERE phone IS NOT NULL;
    UPDATE leads SET company_normalized = lower(company) WHERE company IS NOT NULL;
    ALTER TABLE lead_events ADD COLUMN idempotency_hash text;
    -- A capture retried with its Idempotency-Key finds the resubmission it recorded.
    CREATE INDEX lead_events_capture_key ON lead_events (idempotency_key) WHERE type = 'resubmitted' AND idempotency_key IS NOT NULL;
    ALTER TABLE forms ADD COLUMN default_country text;
    CREATE TABLE event_types (
      name text PRIMARY KEY,
      label text NOT NULL,
      description text NOT NULL DEFAULT '',
      data_schema jsonb,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE event_types;
    ALTER TABLE forms DROP COLUMN default_country;
    DROP INDEX lead_events_capture_key;
    ALTER TABLE lead_events DROP COLUMN idempotency_hash;
    ALTER TABLE leads DROP COLUMN phone_raw, DROP COLUMN phone_valid, DROP COLUMN company_normalized, DROP COLUMN idempotency_hash;
  `.execute(db);
}
