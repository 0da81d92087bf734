import { createHash } from 'node:crypto';
import { Errors } from '../errors.js';

/** JSON with object keys sorted, so the same request hashes alike whatever order its fields came in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 of a request's canonical JSON: what an Idempotency-Key is remembered with. */
export function requestHash(request: unknown): string {
  return createHash('sha256').update(canonical(request)).digest('hex');
}

/**
 * As Stripe does: the same key with the same request replays the first answer; the same key with
 * another request is a client bug, refused with 422 before anything is written. A key stored
 * before requests were hashed (`stored` null) replays.
 */
export function assertSameRequest(key: string, stored: string | null, hash: string): void {
  if (stored !== null && stored !== hash) throw Errors.idempotencyKeyReused(key);
}
