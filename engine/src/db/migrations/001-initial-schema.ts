import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE workflows (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL UNIQUE,
      name text NOT NULL,
      draft jsonb NOT NULL,
      is_default boolean NOT NULL DEFAULT false,
      archived_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX workflows_one_default ON workflows (is_default) WHERE is_default;

    CREATE TABLE workflow_versions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workflow_id uuid NOT NULL REFERENCES workflows(id),
      version integer NOT NULL,
      document jsonb NOT NULL,
      plan jsonb NOT NULL,
      hash text NOT NULL,
      note text NOT NULL DEFAULT '',
      author text NOT NULL,
      published_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workflow_id, version)
    );

    CREATE TABLE teams (
      id text PRIMARY KEY,
      name text NOT NULL,
      manager_rep_id uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE reps (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      email text NOT NULL UNIQUE,
      team_id text REFERENCES teams(id),
      active boolean NOT NULL DEFAULT true,
      timezone text NOT NULL DEFAULT 'UTC',
      capacity integer,
      weight integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX reps_team ON reps (team_id);

    CREATE TABLE accounts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      domain text NOT NULL UNIQUE,
      name text NOT NULL,
      owner_rep_id uuid REFERENCES reps(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE leads (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workflow_id uuid NOT NULL REFERENCES workflows(id),
      workflow_version integer NOT NULL,
      email text NOT NULL,
      email_normalized text NOT NULL UNIQUE,
      first_name text,
      last_name text,
      company text,
      title text,
      phone text,
      country text,
      source text,
      channel text,
      status text NOT NULL DEFAULT 'new',
      fit_score integer,
      intent_score integer,
      score integer,
      tier integer,
      owner_id uuid REFERENCES reps(id),
      team_id text,
      account_id uuid REFERENCES accounts(id),
      disqualification_reason text,
      fields jsonb NOT NULL DEFAULT '{}',
      custom jsonb NOT NULL DEFAULT '{}',
      first_touch jsonb NOT NULL DEFAULT '{}',
      last_touch jsonb NOT NULL DEFAULT '{}',
      idempotency_key text UNIQUE,
      run_status text NOT NULL DEFAULT 'starting',
      current_node_id text,
      waiting jsonb,
      workflow_started_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX leads_created ON leads (created_at DESC, id DESC);
    CREATE INDEX leads_status ON leads (status);
    CREATE INDEX leads_owner ON leads (owner_id);
    CREATE INDEX leads_tier ON leads (tier);
    CREATE INDEX leads_workflow ON leads (workflow_id);
    CREATE INDEX leads_node ON leads (current_node_id) WHERE current_node_id IS NOT NULL;
    CREATE INDEX leads_unstarted ON leads (created_at) WHERE workflow_started_at IS NULL;

    CREATE TABLE lead_events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      lead_id uuid NOT NULL REFERENCES leads(id),
      type text NOT NULL,
      data jsonb NOT NULL DEFAULT '{}',
      occurred_at timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX lead_events_lead ON lead_events (lead_id, occurred_at);

    CREATE TABLE steps (
      lead_id uuid NOT NULL REFERENCES leads(id),
      seq integer NOT NULL,
      node_id text NOT NULL,
      node_type text NOT NULL,
      type_version integer NOT NULL,
      visit integer NOT NULL,
      status text NOT NULL,
      port text,
      input jsonb,
      output jsonb,
      reason text,
      error text,
      attempts integer NOT NULL DEFAULT 1,
      started_at timestamptz NOT NULL,
      ended_at timestamptz,
      waiting jsonb,
      PRIMARY KEY (lead_id, seq)
    );
    CREATE INDEX steps_node ON steps (node_id, started_at);

    CREATE TABLE assignments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      lead_id uuid NOT NULL REFERENCES leads(id),
      node_id text NOT NULL,
      visit integer NOT NULL,
      rep_id uuid REFERENCES reps(id),
      team_id text,
      strategy text NOT NULL,
      reason text NOT NULL,
      candidates jsonb NOT NULL DEFAULT '[]',
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (lead_id, node_id, visit)
    );
    CREATE INDEX assignments_rep ON assignments (rep_id, created_at);

    CREATE TABLE round_robin_cursors (
      pool text PRIMARY KEY,
      last_rep_id uuid,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE notifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      idempotency_key text NOT NULL UNIQUE,
      lead_id uuid NOT NULL REFERENCES leads(id),
      rep_id uuid REFERENCES reps(id),
      channel text NOT NULL,
      recipient text NOT NULL,
      subject text NOT NULL,
      body text NOT NULL,
      status text NOT NULL,
      error text,
      message_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      read_at timestamptz
    );
    CREATE INDEX notifications_rep ON notifications (rep_id, created_at DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE notifications, round_robin_cursors, assignments, steps, lead_events, leads,
      accounts, reps, teams, workflow_versions, workflows;
  `.execute(db);
}
