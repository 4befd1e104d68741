/**
 * The published limit styles: a rolling window, a fixed budget per window and a per-second limit
 * with a lock-out (fact sheet 1.3, 2.3, 3.4). Rejected requests never consume budget.
 */
export interface LimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Milliseconds until a request would be allowed again (0 when allowed). */
  retryAfterMs: number;
}

export type Clock = () => number;

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly max: number,
    readonly intervalMs: number,
    private readonly now: Clock = Date.now,
  ) {}

  hit(key: string): LimitDecision {
    const now = this.now();
    const log = (this.hits.get(key) ?? []).filter((t) => t > now - this.intervalMs);
    this.hits.set(key, log);
    if (log.length >= this.max) {
      const oldest = log[0] ?? now;
      return { allowed: false, limit: this.max, remaining: 0, retryAfterMs: oldest + this.intervalMs - now };
    }
    log.push(now);
    return { allowed: true, limit: this.max, remaining: this.max - log.length, retryAfterMs: 0 };
  }
}

export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly now: Clock = Date.now,
  ) {}

  hit(key: string): LimitDecision {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now >= window.start + this.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= this.max) {
      return { allowed: false, limit: this.max, remaining: 0, retryAfterMs: window.start + this.windowMs - now };
    }
    window.count++;
    return { allowed: true, limit: this.max, remaining: this.max - window.count, retryAfterMs: 0 };
  }
}

/** Exceed the per-second budget once and every request on that key fails for the lock-out. */
export class LockoutLimiter {
  private readonly perSecond: SlidingWindowLimiter;
  private readonly lockedUntil = new Map<string, number>();

  constructor(
    readonly max: number,
    readonly lockoutMs: number,
    private readonly now: Clock = Date.now,
  ) {
    this.perSecond = new SlidingWindowLimiter(max, 1000, now);
  }

  hit(key: string): LimitDecision {
    const now = this.now();
    const until = this.lockedUntil.get(key) ?? 0;
    if (now < until) return { allowed: false, limit: this.max, remaining: 0, retryAfterMs: until - now };
    const decision = this.perSecond.hit(key);
    if (decision.allowed) return decision;
    this.lockedUntil.set(key, now + this.lockoutMs);
    return { ...decision, retryAfterMs: this.lockoutMs };
  }
}
