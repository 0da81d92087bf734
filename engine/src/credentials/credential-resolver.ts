import { sql, type Kysely } from 'kysely';
import type { Keyring } from '../crypto/keyring.js';
import { openSealed } from '../crypto/sealed.js';
import type { Database } from '../db/schema.js';
import type { CredentialKind, CredentialSecret } from './credential-kinds.js';

/** Opens the credential a node config names, at run time, inside the activity: nothing secret enters a payload or a trail. */
export interface Credentials {
  resolve(id: string, kinds: readonly CredentialKind[]): Promise<CredentialSecret>;
}

export class CredentialNotUsableError extends Error {
  override readonly name = 'CredentialNotUsableError';
  /** The node cannot succeed until someone fixes the credential: no use retrying. */
  readonly retryable = false;
}

/** Credentials read from Postgres and opened with the keyring; each use stamps `last_used_at`. */
export class CredentialResolver implements Credentials {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly keyring: Keyring,
  ) {}

  async resolve(id: string, kinds: readonly CredentialKind[]): Promise<CredentialSecret> {
    const row = await this.db
      .updateTable('credentials')
      .set({ last_used_at: sql<Date>`now()` })
      .where('id', '=', id)
      .returning(['name', 'kind', 'sealed_secret'])
      .executeTakeFirst();
    if (!row)
      throw new CredentialNotUsableError(`credential '${id}' does not exist (deleted?); choose another in the node`);
    if (!kinds.includes(row.kind as CredentialKind))
      throw new CredentialNotUsableError(
        `credential '${row.name}' is a ${row.kind}; this node needs ${kinds.join(' or ')}`,
      );
    return {
      kind: row.kind,
      secret: JSON.parse(openSealed(this.keyring, row.sealed_secret).toString('utf8')),
    } as CredentialSecret;
  }
}

/** The request headers an HTTP-auth credential adds. */
export function authHeaders(credential: CredentialSecret): Record<string, string> {
  switch (credential.kind) {
    case 'http_header':
      return { [credential.secret.header]: credential.secret.value };
    case 'bearer':
      return { Authorization: `Bearer ${credential.secret.token}` };
    case 'basic_auth':
      return {
        Authorization: `Basic ${Buffer.from(`${credential.secret.username}:${credential.secret.password}`).toString('base64')}`,
      };
    default:
      throw new Error(`a ${credential.kind} credential does not authenticate HTTP calls`);
  }
}
