import { randomBytes } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import type { CallLimiter, LimitRule } from '../../providers/calls.js';

/**
 * Rolling-window rate limiter (sliding log), shared across server instances through Redis.
 *
 * Why not rate-limiter-flexible here (it guards `connect`): its Redis limiters count in fixed
 * windows that start at the first call, and its Redis backend cannot do sub-second windows
 * (`EX` seconds). Providers count in rolling windows, or in fixed windows aligned on their own
 * clock, not ours. A fixed window of the full budget lets up to twice the budget through across
 * a boundary (429s, and with some providers a 30 s lock-out);
 * shrinking it to stay safe costs 10% or more of the throughput. A sorted set per key is
 * exact, keeps the burst the providers allow, and is one Lua call per admission.
 *
 * `marginMs` widens every window a little: calls are admitted here and counted at the provider
 * a few milliseconds later, and unequal latencies must not squeeze N+1 calls into its window.
 */
export type RollingLimiter = CallLimiter;

/** The budget is used up for longer than the caller may wait: better a clear answer than a hung request. */
export class RateLimitWaitTooLongError extends Error {
  override readonly name = 'RateLimitWaitTooLongError';
  constructor(
    readonly key: string,
    /** When a slot frees up, when known (the head of the line knows; waiters behind it do not). */
    readonly retryAfterMs: number | undefined,
  ) {
    super(`Rate limit ${key} is used up for longer than the allowed wait`);
  }
}

type RedisClient = Redis | Cluster;

// One key per script: Cluster-safe with the `{...}` hash tag in the key. Redis's own clock, so
// instances with skewed clocks still share one window.
const ADMIT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return tonumber(oldest[2]) + window - now + 1`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** True when `promise` settles before `deadline` (a performance.now() instant), false otherwise. */
async function settlesBefore(promise: Promise<void>, deadline: number): Promise<boolean> {
  if (deadline === Number.POSITIVE_INFINITY) return promise.then(() => true);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, deadline - performance.now()))));
  try {
    return await Promise.race([promise.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}
export const marginFor = (windowMs: number) => Math.max(50, Math.round(windowMs * 0.05));

abstract class RollingLimiterBase implements RollingLimiter {
  /** Per key, the tail of this process's line of waiters. */
  readonly #lines = new Map<string, Promise<void>>();

  /** 0 when admitted, else milliseconds until a slot frees up. */
  protected abstract tryAdmit(key: string, max: number, windowMs: number): Promise<number>;

  async acquire(rules: readonly LimitRule[], options: { maxWaitMs?: number } = {}): Promise<void> {
    const deadline = performance.now() + (options.maxWaitMs ?? Number.POSITIVE_INFINITY);
    // Sequential on purpose: the keys may live on different Cluster slots. Holding a slot of an
    // earlier rule while waiting for a later one wastes at most that one slot.
    for (const rule of rules) await this.#inLine(rule.key, deadline, () => this.#admit(rule, deadline));
  }

  /**
   * First come, first served within a process: only the head of a key's line polls the store.
   * Without it, waiters that happen to wake up later can lose every race for a freed slot and
   * starve for many seconds while newer requests pass them.
   */
  async #inLine(key: string, deadline: number, admit: () => Promise<void>): Promise<void> {
    const ahead = this.#lines.get(key) ?? Promise.resolve();
    let leave!: () => void;
    const mine = new Promise<void>((resolve) => (leave = resolve));
    const tail = ahead.then(() => mine);
    this.#lines.set(key, tail);
    try {
      // Giving up in line just resolves `mine` early: whoever is behind still waits for `ahead`.
      if (!(await settlesBefore(ahead, deadline))) throw new RateLimitWaitTooLongError(key, undefined);
      await admit();
    } finally {
      leave();
      if (this.#lines.get(key) === tail) this.#lines.delete(key);
    }
  }

  async #admit(rule: LimitRule, deadline: number): Promise<void> {
    const windowMs = rule.windowMs + marginFor(rule.windowMs);
    for (;;) {
      const wait = await this.tryAdmit(rule.key, rule.max, windowMs);
      if (wait <= 0) return;
      if (performance.now() + wait > deadline) throw new RateLimitWaitTooLongError(rule.key, wait);
      // A little jitter so instances sharing the key do not wake up in lock step.
      await sleep(wait + Math.random() * 15);
    }
  }
}

export class RedisRollingLimiter extends RollingLimiterBase {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
  ) {
    super();
  }

  protected async tryAdmit(key: string, max: number, windowMs: number): Promise<number> {
    const member = `${Date.now()}:${randomBytes(6).toString('base64url')}`;
    const reply = await this.client.eval(ADMIT, 1, `${this.prefix}{rl:${key}}`, String(windowMs), String(max), member);
    return Number(reply);
  }
}

/** One process only (no Redis): the same rolling log in a Map. */
export class MemoryRollingLimiter extends RollingLimiterBase {
  readonly #log = new Map<string, number[]>();

  protected async tryAdmit(key: string, max: number, windowMs: number): Promise<number> {
    const now = Date.now();
    const log = (this.#log.get(key) ?? []).filter((t) => t > now - windowMs);
    if (log.length < max) {
      log.push(now);
      this.#log.set(key, log);
      return 0;
    }
    this.#log.set(key, log);
    return (log[0] ?? now) + windowMs - now + 1;
  }
}
