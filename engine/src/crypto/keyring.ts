import { randomBytes } from 'node:crypto';

/** One AES-256 key and the id stored beside everything sealed with it. */
export interface SecretKey {
  id: string;
  key: Buffer;
}

/**
 * The keys secrets and payloads are sealed with: the first encrypts, every one decrypts, so a key
 * can be rotated in (put first) while what the old ones sealed still opens.
 */
export class Keyring {
  readonly current: SecretKey;
  private readonly byId: ReadonlyMap<string, SecretKey>;

  constructor(keys: readonly SecretKey[]) {
    if (keys.length === 0) throw new Error('a keyring needs at least one key');
    this.current = keys[0] as SecretKey;
    this.byId = new Map(keys.map((key) => [key.id, key]));
  }

  get(id: string): SecretKey | undefined {
    return this.byId.get(id);
  }

  get keys(): SecretKey[] {
    return [...this.byId.values()];
  }

  /** The text form, `id:base64key,…`, current key first (what LEADFLOW_SECRET_KEY holds). */
  toString(): string {
    return [this.current, ...this.keys.filter((key) => key !== this.current)]
      .map((key) => `${key.id}:${key.key.toString('base64')}`)
      .join(',');
  }
}

const ID = /^[A-Za-z0-9_-]{1,32}$/;

/** Reads `id:base64key[,id:base64key…]` (32-byte keys), naming what is wrong with it. */
export function parseKeyring(text: string, source = 'LEADFLOW_SECRET_KEY'): Keyring {
  const keys = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part, index) => {
      const colon = part.indexOf(':');
      const id = part.slice(0, colon);
      const key = Buffer.from(part.slice(colon + 1), 'base64');
      if (colon <= 0 || !ID.test(id))
        throw new Error(`${source}: key ${index + 1} needs an id before a colon, e.g. k1:<base64 of 32 random bytes>`);
      if (key.length !== 32)
        throw new Error(
          `${source}: key '${id}' must be 32 bytes in base64 (it is ${key.length}); make one with: openssl rand -base64 32`,
        );
      return { id, key };
    });
  if (keys.length === 0)
    throw new Error(`${source} is empty; it holds id:base64key pairs, e.g. k1:$(openssl rand -base64 32)`);
  return new Keyring(keys);
}

/** A new random key with an id no key of `existing` has. */
export function newSecretKey(existing?: Keyring): SecretKey {
  const taken = new Set(existing?.keys.map((key) => key.id) ?? []);
  let n = taken.size + 1;
  while (taken.has(`k${n}`)) n++;
  return { id: `k${n}`, key: randomBytes(32) };
}
