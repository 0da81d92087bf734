import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The task node's tables. `001-tasks` was Leadflow's own migration `003-tasks` until the node kept
 * its tables in its folder; that name stays in Leadflow's list as a no-op (deployed databases
 * record it), and IF NOT EXISTS lets this one find the table already there.
 */
export const taskMigrations: Readonly<Record<string, Migration>> = {
  '001-tasks': {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`
        CREATE TABLE IF NOT EXISTS tasks (
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
        CREATE INDEX IF NOT EXISTS tasks_rep_due ON tasks (rep_id, status, due_at);
        CREATE INDEX IF NOT EXISTS tasks_lead ON tasks (lead_id);
      `.execute(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await sql`DROP TABLE tasks`.execute(db);
    },
  },
};
