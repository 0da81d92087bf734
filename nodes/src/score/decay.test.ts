import { describe, expect, it } from 'vitest';
import { decayedPoints, decayFactor } from './decay.js';

const DAY = 86_400_000;
const now = new Date('2025-06-01T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);

describe('decay', () => {
  it('gives full points at zero age', () => {
    expect(decayFactor(0, 14 * DAY)).toBe(1);
    expect(decayedPoints(20, now, now, 14 * DAY)).toBe(20);
  });

  it('halves exactly after one half-life, and quarters after two', () => {
    expect(decayFactor(14 * DAY, 14 * DAY)).toBe(0.5);
    expect(decayedPoints(20, daysAgo(14), now, 14 * DAY)).toBe(10);
    expect(decayedPoints(20, daysAgo(28), now, 14 * DAY)).toBe(5);
  });

  it('counts a future-dated event as happening now, never above full points', () => {
    expect(decayedPoints(20, daysAgo(-3), now, 14 * DAY)).toBe(20);
  });

  it('keeps negative points negative while they fade', () => {
    expect(decayedPoints(-40, daysAgo(7), now, 7 * DAY)).toBe(-20);
  });

  it('leaves last week nearly whole and 18 months ago almost nothing', () => {
    const halfLife = 30 * DAY;
    expect(decayedPoints(30, daysAgo(7), now, halfLife)).toBeCloseTo(25.52, 2);
    expect(decayedPoints(30, new Date('2023-12-01T12:00:00Z'), now, halfLife)).toBeLessThan(0.001);
  });

  it('refuses a half-life that is not positive', () => {
    expect(() => decayFactor(DAY, 0)).toThrow(RangeError);
    expect(() => decayFactor(DAY, Number.NaN)).toThrow(RangeError);
  });
});
