import { type Kysely, sql } from 'kysely';

/**
 * CSV imports and their per-row errors. An import's counters are updated in the same
 * transaction as each batch of leads and errors it writes, so they always match what is stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE imports (
      id uuid PRIMARY KEY,
      file_name text NOT NULL,
      file_sha256 text NOT NULL,
      file_bytes integer NOT NULL,
      mapping jsonb NOT NULL,
      options jsonb NOT NULL DEFAULT '{}',
      workflow_id uuid NOT NULL REFERENCES workflows(id),
      workflow_version integer NOT NULL,
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
      error text,
      rows_total integer NOT NULL DEFAULT 0,
      rows_processed integer NOT NULL DEFAULT 0,
      rows_created integer NOT NULL DEFAULT 0,
      rows_duplicates integer NOT NULL DEFAULT 0,
      rows_failed integer NOT NULL DEFAULT 0,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz
    );
    CREATE INDEX imports_created ON imports (created_at DESC, id DESC);
    CREATE INDEX imports_unfinished ON imports (status) WHERE status IN ('queued', 'running');
    CREATE INDEX imports_file ON imports (file_sha256);

    CREATE TABLE import_errors (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      import_id uuid NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
      row_number integer NOT NULL,
      field text,
      column_name text,
      message text NOT NULL
    );
    CREATE INDEX import_errors_import ON import_errors (import_id, id);

    -- The workers' backlog (started, no step recorded yet), which paces the pending-start sweep
    -- that starts imported leads' workflows.
    CREATE INDEX leads_started_unstepped ON leads (workflow_started_at) WHERE run_status = 'running' AND current_node_id IS NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX leads_started_unstepped; DROP TABLE import_errors, imports`.execute(db);
}
