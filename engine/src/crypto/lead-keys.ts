import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Keyring } from './keyring.js';
import { openSealed, seal } from './sealed.js';

/** How long a process may keep a lead's key after reading it: an erasure is complete everywhere within this. */
export const LEAD_KEY_CACHE_MS = 60_000;
const CACHE_MOST = 20_000;

export class LeadErasedError extends Error {
  override readonly name = 'LeadErasedError';
}

/**
 * Each lead's own data key: everything Temporal keeps of the lead is encrypted with it, so
 * destroying the key (erasure) makes the lead's whole history unreadable — crypto-shredding,
 * wherever copies of the history went. Keys are stored sealed under the keyring.
 */
export class LeadKeys {
  private readonly cache = new Map<string, { key: Buffer; at: number }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly keyring: Keyring,
  ) {}

  /** The lead's key, made the first time it is asked for; an erased lead's key is gone for good. */
  async keyFor(leadId: string): Promise<Buffer> {
    const known = await this.find(leadId);
    if (known) return known;
    await this.db
      .insertInto('lead_keys')
      .values({ lead_id: leadId, sealed_key: seal(this.keyring, randomBytes(32)) })
      .onConflict((oc) => oc.column('lead_id').doNothing())
      .execute();
    const made = await this.find(leadId);
    if (!made) throw new LeadErasedError(`lead '${leadId}' was erased; nothing more is kept for it`);
    return made;
  }

  /** The lead's key if it exists and is not erased; never makes one (decoding must not). */
  async find(leadId: string): Promise<Buffer | undefined> {
    const hit = this.cache.get(leadId);
    if (hit && Date.now() - hit.at < LEAD_KEY_CACHE_MS) return hit.key;
    const row = await this.db
      .selectFrom('lead_keys')
      .select(['sealed_key'])
      .where('lead_id', '=', leadId)
      .executeTakeFirst();
    if (!row?.sealed_key) {
      this.cache.delete(leadId);
      return undefined;
    }
    const key = openSealed(this.keyring, row.sealed_key);
    if (this.cache.size >= CACHE_MOST) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(leadId, { key, at: Date.now() });
    return key;
  }

  /** Destroys the lead's key (in the caller's transaction): its history can never be read again. */
  async shred(trx: Kysely<Database>, leadId: string): Promise<void> {
    await trx
      .insertInto('lead_keys')
      .values({ lead_id: leadId, sealed_key: null, erased_at: new Date() })
      .onConflict((oc) => oc.column('lead_id').doUpdateSet({ sealed_key: null, erased_at: new Date() }))
      .execute();
    this.cache.delete(leadId);
  }
}
