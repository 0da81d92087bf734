import { type Kysely, sql } from 'kysely';

/**
 * API tokens with roles, and the audit log of who changed what.
 *
 * Tokens are kept as the sha-256 of the secret only (a leaked table cannot be replayed), never
 * deleted (audit rows keep pointing at them) and revoked by stamping `revoked_at`. A rep token is
 * bound to its rep, and only a rep token is.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE api_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'editor', 'viewer', 'rep', 'capture')),
      token_hash bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
      prefix text NOT NULL,
      rep_id uuid REFERENCES reps(id),
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz,
      CHECK ((role = 'rep') = (rep_id IS NOT NULL))
    );

    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor text NOT NULL,
      actor_token_id uuid REFERENCES api_tokens(id),
      action text NOT NULL,
      subject_type text NOT NULL,
      subject_id text NOT NULL,
      detail jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX audit_log_at ON audit_log (at);
    CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE audit_log;
    DROP TABLE api_tokens;
  `.execute(db);
}
