import { type Kysely, sql } from 'kysely';

/** What assign v2 routes by: rep availability and skills, territories, and weighted round-robin state. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE reps
      ADD COLUMN working_hours jsonb,
      ADD COLUMN out_of_office jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN skills text[] NOT NULL DEFAULT '{}',
      ADD COLUMN languages text[] NOT NULL DEFAULT '{}';

    CREATE TABLE territories (
      id text PRIMARY KEY,
      name text NOT NULL,
      priority integer NOT NULL DEFAULT 100,
      rules jsonb NOT NULL,
      team_id text REFERENCES teams(id),
      rep_id uuid REFERENCES reps(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((team_id IS NULL) <> (rep_id IS NULL))
    );

    ALTER TABLE round_robin_cursors ADD COLUMN weights jsonb NOT NULL DEFAULT '{}';
    CREATE INDEX leads_owner_status ON leads (owner_id, status);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX leads_owner_status;
    ALTER TABLE round_robin_cursors DROP COLUMN weights;
    DROP TABLE territories;
    ALTER TABLE reps DROP COLUMN working_hours, DROP COLUMN out_of_office, DROP COLUMN skills, DROP COLUMN languages;
  `.execute(db);
}
