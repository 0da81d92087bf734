import { type Kysely, sql } from 'kysely';

/** Dated to-dos for a lead's owner (the follow-up cadence). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE tasks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      idempotency_key text NOT NULL UNIQUE,
      lead_id uuid NOT NULL REFERENCES leads(id),
      rep_id uuid REFERENCES reps(id),
      title text NOT NULL,
      note text NOT NULL DEFAULT '',
      priority text NOT NULL DEFAULT 'normal',
      due_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'open',
      created_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz
    );
    CREATE INDEX tasks_rep_due ON tasks (rep_id, status, due_at);
    CREATE INDEX tasks_lead ON tasks (lead_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE tasks`.execute(db);
}
