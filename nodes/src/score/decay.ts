/**
 * Exponential decay of a behavioural signal: an event counts fully when fresh and half as much
 * after each half-life, so last week's webinar weighs far more than one from last year.
 */

/** The share of its points an event still carries `ageMs` after it happened: 0.5^(age / halfLife). */
export function decayFactor(ageMs: number, halfLifeMs: number): number {
  if (!(halfLifeMs > 0) || !Number.isFinite(halfLifeMs))
    throw new RangeError(`halfLife must be a positive duration, got ${halfLifeMs}ms`);
  // An event stamped in the future (clock skew between our servers and a tracking vendor) is treated as happening now,
  // rather than counting more than full points.
  return 0.5 ** (Math.max(0, ageMs) / halfLifeMs);
}

/** `points × 0.5^(age / halfLife)` for an event at `occurredAt`, seen from `now`. */
export function decayedPoints(points: number, occurredAt: Date, now: Date, halfLifeMs: number): number {
  return points * decayFactor(now.getTime() - occurredAt.getTime(), halfLifeMs);
}
