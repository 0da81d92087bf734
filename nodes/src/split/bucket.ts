import { avalanche32, fnv1a32 } from './fnv1a.js';

/**
 * The lead's bucket, 0–99, for a split salted with `salt`: a pure function of the two, so a
 * lead lands in the same bucket on every visit, replay and worker. Scaling the 32-bit hash
 * (rather than `% 100`) keeps each bucket exactly 1/100 of the hash range, give or take one value.
 *
 * Changing this function moves leads between the arms of running experiments: ship a new
 * node version instead.
 */
export function splitBucket(leadId: string, salt: string): number {
  return Math.floor((avalanche32(fnv1a32(`${salt}:${leadId}`)) * 100) / 2 ** 32);
}
