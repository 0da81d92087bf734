import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.js';

describe('parseDuration', () => {
  it('reads single and compound durations', () => {
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration('1h 30m')).toBe(5_400_000);
  });
  it('refuses what is not a duration', () => {
    expect(parseDuration('5 minutes')).toBeNull();
    expect(parseDuration('')).toBeNull();
    expect(parseDuration('0s')).toBeNull();
  });
});
