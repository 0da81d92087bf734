import { createHash } from 'node:crypto';
import { CREDENTIAL_KINDS, type CredentialKind } from '@leadflow/engine';
import { fieldErrors } from '@leadflow/engine/compiler';
import { type Keyring, seal } from '@leadflow/engine/crypto';
import type { Database } from '@leadflow/engine/db';
import { type Kysely, type Selectable, sql } from 'kysely';
import { Errors } from '../../errors.js';
import { ajv } from '../../plugins/validation.js';
import { type Actor, writeAudit } from '../audit-log.js';
import type { Credential } from '../../contract/credentials.js';

type CredentialRow = Selectable<Database['credentials']>;

/** A credential as anyone may see it (CredentialSchema): never the secret, only a fingerprint to tell two apart. */
export type CredentialView = Credential;

const checks = ajv({ coerceTypes: false });
const validators = Object.fromEntries(
  Object.entries(CREDENTIAL_KINDS).map(([kind, schema]) => [kind, checks.compile(schema)]),
);

/** A short, one-way hash of the secret: changes when the secret does, tells nothing of it. */
function fingerprint(secret: unknown): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(secret)).digest('hex').slice(0, 12)}`;
}

function view(row: CredentialRow, usedBy: string[]): CredentialView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as CredentialKind,
    fingerprint: row.fingerprint,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    usedBy,
  };
}

/**
 * Vendor API keys, Slack and webhook URLs, SMTP logins: created or replaced through the API,
 * stored sealed under the keyring, never read back. Node configs name them by id; the activity
 * opens them at run time (engine CredentialResolver).
 */
export class CredentialStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly keyring: Keyring,
  ) {}

  async list(): Promise<CredentialView[]> {
    const rows = await this.db.selectFrom('credentials').selectAll().orderBy('name').execute();
    const users = await this.usersOf(rows.map((row) => row.id));
    return rows.map((row) => view(row, users.get(row.id) ?? []));
  }

  async get(id: string): Promise<CredentialView> {
    const row = await this.row(id);
    return view(row, (await this.usersOf([id])).get(id) ?? []);
  }

  /** id → name and kind: what the compiler checks the credentials a graph names against. */
  async index(): Promise<Map<string, { name: string; kind: string }>> {
    const rows = await this.db.selectFrom('credentials').select(['id', 'name', 'kind']).execute();
    return new Map(rows.map((row) => [row.id, { name: row.name, kind: row.kind }]));
  }

  async create(input: { name: string; kind: CredentialKind; secret: unknown }, actor: Actor): Promise<CredentialView> {
    this.check(input.kind, input.secret);
    const row = await this.db.transaction().execute(async (trx) => {
      const created = await trx
        .insertInto('credentials')
        .values({
          name: input.name,
          kind: input.kind,
          sealed_secret: seal(this.keyring, JSON.stringify(input.secret)),
          fingerprint: fingerprint(input.secret),
          created_by: actor.name,
        })
        .onConflict((oc) => oc.column('name').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!created) throw Errors.conflict(`a credential named '${input.name}' already exists`, 'name');
      await writeAudit(trx, actor, {
        action: 'credential.created',
        subjectType: 'credential',
        subjectId: created.id,
        detail: { name: input.name, kind: input.kind, fingerprint: created.fingerprint },
      });
      return created;
    });
    return view(row, []);
  }

  /** Replaces the secret (a rotated API key, a new webhook URL); the id, so every node naming it, stays. */
  async replaceSecret(id: string, secret: unknown, actor: Actor): Promise<CredentialView> {
    const current = await this.row(id);
    this.check(current.kind as CredentialKind, secret);
    const row = await this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('credentials')
        .set({
          sealed_secret: seal(this.keyring, JSON.stringify(secret)),
          fingerprint: fingerprint(secret),
          updated_at: sql<Date>`now()`,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeAudit(trx, actor, {
        action: 'credential.secret_replaced',
        subjectType: 'credential',
        subjectId: id,
        detail: { name: updated.name, from: current.fingerprint, to: updated.fingerprint },
      });
      return updated;
    });
    return this.get(row.id);
  }

  async rename(id: string, name: string, actor: Actor): Promise<CredentialView> {
    const current = await this.row(id);
    await this.db.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom('credentials')
        .select('id')
        .where('name', '=', name)
        .where('id', '<>', id)
        .executeTakeFirst();
      if (taken) throw Errors.conflict(`a credential named '${name}' already exists`, 'name');
      await trx
        .updateTable('credentials')
        .set({ name, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .execute();
      await writeAudit(trx, actor, {
        action: 'credential.renamed',
        subjectType: 'credential',
        subjectId: id,
        detail: { from: current.name, to: name },
      });
    });
    return this.get(id);
  }

  /** Deletes a credential no workflow names; one still named is a 409 listing the workflows. */
  async remove(id: string, actor: Actor): Promise<void> {
    const current = await this.row(id);
    const users = (await this.usersOf([id])).get(id) ?? [];
    if (users.length > 0)
      throw Errors.referenced(
        'credential',
        current.name,
        users.map((slug) => `workflow '${slug}' uses it`),
      );
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('credentials').where('id', '=', id).execute();
      await writeAudit(trx, actor, {
        action: 'credential.deleted',
        subjectType: 'credential',
        subjectId: id,
        detail: { name: current.name, kind: current.kind },
      });
    });
  }

  private async row(id: string): Promise<CredentialRow> {
    const row = await this.db.selectFrom('credentials').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw Errors.notFound('credential', id);
    return row;
  }

  private check(kind: CredentialKind, secret: unknown): void {
    const validate = validators[kind];
    if (!validate) throw Errors.invalidField([{ path: 'kind', message: `'${kind}' is not a credential kind` }]);
    if (!validate(secret)) throw Errors.invalidField(fieldErrors(validate.errors, 'secret'));
  }

  /** Which workflows' drafts or published versions name each credential: its id appears in their graph. */
  private async usersOf(ids: readonly string[]): Promise<Map<string, string[]>> {
    const users = new Map<string, string[]>();
    if (ids.length === 0) return users;
    const rows = await sql<{ id: string; slug: string }>`
      SELECT DISTINCT c.id, w.slug FROM unnest(${[...ids]}::uuid[]) AS c(id)
      JOIN workflows w ON w.draft::text LIKE '%' || c.id::text || '%'
        OR EXISTS (SELECT 1 FROM workflow_versions v WHERE v.workflow_id = w.id AND v.document::text LIKE '%' || c.id::text || '%')
      ORDER BY w.slug`.execute(this.db);
    for (const row of rows.rows) users.set(row.id, [...(users.get(row.id) ?? []), row.slug]);
    return users;
  }
}
