import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from './keyring.js';

const PREFIX = 'lf1';

/** AES-256-GCM: a fresh 12-byte IV, the 16-byte tag, then the ciphertext. */
export function encrypt(key: Buffer, plaintext: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function decrypt(key: Buffer, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
}

/** A secret sealed for storage: `lf1:<key id>:<base64>`, openable by whoever holds that key. */
export function seal(keyring: Keyring, plaintext: string | Buffer): string {
  const { id, key } = keyring.current;
  return `${PREFIX}:${id}:${encrypt(key, Buffer.from(plaintext)).toString('base64')}`;
}

export function openSealed(keyring: Keyring, sealed: string): Buffer {
  const [prefix, id, body] = sealed.split(':');
  if (prefix !== PREFIX || !id || !body) throw new Error('not a sealed secret');
  const key = keyring.get(id);
  if (!key) throw new Error(`sealed with key '${id}', which LEADFLOW_SECRET_KEY no longer holds`);
  return decrypt(key.key, Buffer.from(body, 'base64'));
}

/** The key id a sealed secret was sealed with (what a rotation re-seals). */
export function sealedKeyId(sealed: string): string | undefined {
  return sealed.split(':')[1];
}
