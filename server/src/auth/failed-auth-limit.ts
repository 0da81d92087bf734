/** How many failed authentications one address may make in a window before it is refused. */
export interface FailedAuthLimitOptions {
  /** 0: no limit. @default 10 */
  maxFailures?: number;
  /** @default 60 s */
  windowMs?: number;
}

interface Window {
  failures: number;
  endsAt: number;
}

/**
 * Counts failed authentications (a token presented and refused) per client address in fixed
 * windows. Once an address reaches `maxFailures`, every authenticated request from it is refused
 * until its window ends, a right token included: a guess that succeeds during the lockout must not
 * look any different from one that fails. Successful requests are never counted. Kept in memory
 * per server process, like the public forms' rate limit.
 */
export class FailedAuthLimit {
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly windows = new Map<string, Window>();

  constructor(options: FailedAuthLimitOptions = {}) {
    this.maxFailures = options.maxFailures ?? 10;
    this.windowMs = options.windowMs ?? 60_000;
  }

  /** Seconds until `address` may try again (null: it may now). */
  retryAfterSeconds(address: string, now = Date.now()): number | null {
    if (this.maxFailures === 0) return null;
    const window = this.current(address, now);
    return window && window.failures >= this.maxFailures ? Math.max(1, Math.ceil((window.endsAt - now) / 1000)) : null;
  }

  recordFailure(address: string, now = Date.now()): void {
    if (this.maxFailures === 0) return;
    const window = this.current(address, now);
    if (window) window.failures += 1;
    else this.windows.set(address, { failures: 1, endsAt: now + this.windowMs });
    if (this.windows.size > 10_000) this.forgetEnded(now);
  }

  private current(address: string, now: number): Window | undefined {
    const window = this.windows.get(address);
    if (window && window.endsAt <= now) {
      this.windows.delete(address);
      return undefined;
    }
    return window;
  }

  /** Bounds memory under a flood from many addresses: ended windows go. */
  private forgetEnded(now: number): void {
    for (const [address, window] of this.windows) if (window.endsAt <= now) this.windows.delete(address);
  }
}
