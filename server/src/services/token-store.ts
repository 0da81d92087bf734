import type { Database, TokenRole } from '@leadflow/engine/db';
import { type Kysely, type Selectable, sql } from 'kysely';
import { hashToken, newTokenSecret } from '../auth/token-secret.js';
import { Errors } from '../errors.js';
import { type Actor, writeAudit } from './audit-log.js';
import type { ApiToken } from '../contract/access.js';

/** last_used_at is written at most this often per token: a rough "in use lately" needs no write per request. */
export const LAST_USED_RESOLUTION_SECONDS = 60;

export interface TokenInput {
  name: string;
  role: TokenRole;
  /** Required for role rep, refused for the others. */
  repId?: string | null;
  /** ISO time from which the token is refused; absent or null: never. */
  expiresAt?: string | null;
}

/** A token as lists show it (TokenSchema): never its hash, never its secret. */
export type TokenView = ApiToken;

/** A token a request presented, as found in the table. */
export interface StoredToken {
  id: string;
  name: string;
  role: TokenRole;
  repId: string | null;
  revoked: boolean;
  /** Null: never expires. */
  expiresAt: Date | null;
}

/** Every column but the hash, which never leaves the table. */
type TokenRow = Omit<Selectable<Database['api_tokens']>, 'token_hash'>;

function tokenView(row: TokenRow): TokenView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    repId: row.rep_id,
    prefix: row.prefix,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
  };
}

const VIEW_COLUMNS = [
  'id',
  'name',
  'role',
  'rep_id',
  'prefix',
  'created_by',
  'created_at',
  'last_used_at',
  'revoked_at',
  'expires_at',
] as const;

/** API tokens: issued with a role, stored as a hash, revoked (never deleted, audit rows point at them). */
export class TokenStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Issues a token; the returned `token` is the only time its secret is ever seen. */
  async create(input: TokenInput, actor: Actor): Promise<TokenView & { token: string }> {
    if (input.role === 'rep' && !input.repId)
      throw Errors.invalidField([{ path: 'repId', message: 'a rep token needs the rep it acts for' }]);
    if (input.role !== 'rep' && input.repId)
      throw Errors.invalidField([
        { path: 'repId', message: `only rep tokens act for a rep; a ${input.role} token takes no repId` },
      ]);
    if (
      input.repId &&
      !(await this.db.selectFrom('reps').select('id').where('id', '=', input.repId).executeTakeFirst())
    ) {
      throw Errors.invalidField([{ path: 'repId', message: `rep '${input.repId}' does not exist` }]);
    }
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw Errors.invalidField([{ path: 'expiresAt', message: 'must be in the future' }]);
    }
    const secret = newTokenSecret(input.role);
    const row = await this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('api_tokens')
        .values({
          name: input.name,
          role: input.role,
          token_hash: secret.hash,
          prefix: secret.prefix,
          rep_id: input.repId ?? null,
          created_by: actor.name,
          expires_at: expiresAt,
        })
        .returning(VIEW_COLUMNS)
        .executeTakeFirstOrThrow();
      const detail = {
        name: input.name,
        role: input.role,
        repId: inserted.rep_id,
        prefix: secret.prefix,
        ...(expiresAt && { expiresAt: expiresAt.toISOString() }),
      };
      await writeAudit(trx, actor, { action: 'token.created', subjectType: 'token', subjectId: inserted.id, detail });
      return inserted;
    });
    return { ...tokenView(row), token: secret.token };
  }

  async list(): Promise<TokenView[]> {
    const rows = await this.db
      .selectFrom('api_tokens')
      .select(VIEW_COLUMNS)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(tokenView);
  }

  /** Revokes a token from the next request on; revoking it again keeps the first time. */
  async revoke(id: string, actor: Actor): Promise<TokenView> {
    const row = await this.db.transaction().execute(async (trx) => {
      const revoked = await trx
        .updateTable('api_tokens')
        .set({ revoked_at: sql<Date>`now()` })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .returning(VIEW_COLUMNS)
        .executeTakeFirst();
      if (revoked)
        await writeAudit(trx, actor, {
          action: 'token.revoked',
          subjectType: 'token',
          subjectId: id,
          detail: { name: revoked.name, role: revoked.role, prefix: revoked.prefix },
        });
      return (
        revoked ?? (await trx.selectFrom('api_tokens').select(VIEW_COLUMNS).where('id', '=', id).executeTakeFirst())
      );
    });
    if (!row) throw Errors.notFound('token', id);
    return tokenView(row);
  }

  /**
   * Finds the token a request presented, in one round trip that also stamps `last_used_at` when
   * the stamp is older than LAST_USED_RESOLUTION_SECONDS: a busy token costs one write a minute,
   * decided by the database so it holds across server processes. Revoked and expired tokens are
   * found (so the refusal can say why) but not stamped.
   */
  async resolve(token: string): Promise<StoredToken | null> {
    type Found = {
      id: string;
      name: string;
      role: TokenRole;
      rep_id: string | null;
      revoked_at: Date | null;
      expires_at: Date | null;
    };
    const { rows } = await sql<Found>`
      WITH found AS (
        SELECT id, name, role, rep_id, revoked_at, expires_at, last_used_at FROM api_tokens WHERE token_hash = ${hashToken(token)}
      ), touched AS (
        UPDATE api_tokens SET last_used_at = now() FROM found
        WHERE api_tokens.id = found.id AND found.revoked_at IS NULL AND (found.expires_at IS NULL OR found.expires_at > now())
          AND (found.last_used_at IS NULL OR found.last_used_at < now() - make_interval(secs => ${LAST_USED_RESOLUTION_SECONDS}))
      )
      SELECT id, name, role, rep_id, revoked_at, expires_at FROM found
    `.execute(this.db);
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      name: row.name,
      role: row.role,
      repId: row.rep_id,
      revoked: row.revoked_at !== null,
      expiresAt: row.expires_at,
    };
  }
}
