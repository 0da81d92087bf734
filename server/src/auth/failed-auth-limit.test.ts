import { describe, expect, it } from 'vitest';
import { FailedAuthLimit } from './failed-auth-limit.js';

describe('failed authentication limit', () => {
  it('refuses an address from its 3rd failure in a window until the window ends, with the seconds left', () => {
    const limit = new FailedAuthLimit({ maxFailures: 3, windowMs: 60_000 });
    const start = 1_000_000;
    limit.recordFailure('10.0.0.1', start);
    limit.recordFailure('10.0.0.1', start + 1_000);
    expect(limit.retryAfterSeconds('10.0.0.1', start + 2_000)).toBeNull();
    limit.recordFailure('10.0.0.1', start + 2_000);
    expect(limit.retryAfterSeconds('10.0.0.1', start + 2_000)).toBe(58);
    expect(limit.retryAfterSeconds('10.0.0.1', start + 59_500)).toBe(1);
    expect(limit.retryAfterSeconds('10.0.0.1', start + 60_000)).toBeNull();
  });

  it('counts each address apart', () => {
    const limit = new FailedAuthLimit({ maxFailures: 1 });
    limit.recordFailure('10.0.0.1', 0);
    expect(limit.retryAfterSeconds('10.0.0.1', 0)).toBe(60);
    expect(limit.retryAfterSeconds('10.0.0.2', 0)).toBeNull();
  });

  it('never refuses with maxFailures 0 (no limit)', () => {
    const limit = new FailedAuthLimit({ maxFailures: 0 });
    for (let i = 0; i < 100; i++) limit.recordFailure('a', i);
    expect(limit.retryAfterSeconds('a', 100)).toBeNull();
  });

  it('starts a fresh window after one ends', () => {
    const limit = new FailedAuthLimit({ maxFailures: 2, windowMs: 1_000 });
    limit.recordFailure('a', 0);
    limit.recordFailure('a', 1_500);
    expect(limit.retryAfterSeconds('a', 1_600)).toBeNull();
    limit.recordFailure('a', 1_700);
    expect(limit.retryAfterSeconds('a', 1_700)).toBe(1);
  });
});
