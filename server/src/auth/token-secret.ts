import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../plugins/route-access.js';

/** 24 random bytes: 192 bits, 32 base64url characters. */
const SECRET_BYTES = 24;
/** Random characters kept in the display prefix: enough to tell tokens apart, far too few to guess the rest. */
const PREFIX_CHARS = 6;
const ISSUED = /^lf_(admin|editor|viewer|rep|capture)_[A-Za-z0-9_-]{32}$/;

export interface NewTokenSecret {
  /** `lf_<role>_<random>`: shown to its owner once, never stored. */
  token: string;
  /** sha-256 of the token: what is stored and looked up. */
  hash: Buffer;
  /** `lf_<role>_` and the first random characters, for lists. */
  prefix: string;
}

/** sha-256 of a presented token; a fast hash is right for 192-bit random secrets (nothing to brute-force). */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Makes a new secret for a token of `role`. */
export function newTokenSecret(role: Role): NewTokenSecret {
  const head = `lf_${role}_`;
  const token = `${head}${randomBytes(SECRET_BYTES).toString('base64url')}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, head.length + PREFIX_CHARS) };
}

/** Whether a presented token has the shape of one we issue; others are refused without a database look-up. */
export function looksIssued(token: string): boolean {
  return ISSUED.test(token);
}
