import { randomBytes } from 'node:crypto';
import type { CallLimiter, LimitRule } from '../providers/calls.js';
import type { RedisClient } from '../store/index.js';

/**
 * Rolling-window rate limiter (sliding log), shared across server instances through Redis.
 *
 * Why not rate-limiter-flexible here (it guards `connect`): its Redis limiters count in fixed
 * windows that start at the first call, and its Redis backend cannot do sub-second windows
 * (`EX` seconds). Providers count in rolling windows, or in fixed windows aligned on their own
 * clock, not ours. A fixed window of the full budget lets up to twice the budget through across
 * a boundary (429s, and with some providers a 30 s lock-out);
 * shrinking it to stay safe costs 10% or more of the throughput. A sorted set per key is
 * exact, keeps the burst the providers allow, and is one Lua call per booking round (which
 * serves every waiter of the key in this process the window has room for).
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
    /** When a slot frees up, when known (a booking round knows; a waiter whose own deadline passes in line does not). */
    readonly retryAfterMs: number | undefined,
  ) {
    super(`Rate limit ${key} is used up for longer than the allowed wait`);
  }
}

// One key per script: Cluster-safe with the `{...}` hash tag in the key. Redis's own clock, so
// instances with skewed clocks still share one window. Admits up to ARGV[4] calls at once (as
// many as the window has room for) and answers { admitted, ms until the next slot frees up }.
const ADMIT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local want = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local admitted = math.max(0, math.min(want, tonumber(ARGV[2]) - redis.call('ZCARD', KEYS[1])))
for i = 1, admitted do
  redis.call('ZADD', KEYS[1], now, ARGV[3] .. ':' .. i)
end
if admitted > 0 then redis.call('PEXPIRE', KEYS[1], window) end
if admitted == want then return { admitted, 0 } end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return { admitted, tonumber(oldest[2]) + window - now + 1 }`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const marginFor = (windowMs: number) => Math.max(50, Math.round(windowMs * 0.05));

/** One booking round: how many of the calls asked for got a slot, and when the next slot frees up (0 if all did). */
interface Admission {
  admitted: number;
  waitMs: number;
}

interface Waiter {
  deadline: number;
  settle(error?: Error): void;
}

/** This process's waiters for one key, first come first served, and whether someone is booking for them. */
interface Line {
  waiters: Waiter[];
  booking: boolean;
  /** The first `inRound` waiters are in the booking round under way: they wait for its answer. */
  inRound: number;
}

abstract class RollingLimiterBase implements RollingLimiter {
  readonly #lines = new Map<string, Line>();

  /** Books up to `want` slots at once. */
  protected abstract tryAdmit(key: string, max: number, windowMs: number, want: number): Promise<Admission>;

  async acquire(rules: readonly LimitRule[], options: { maxWaitMs?: number } = {}): Promise<void> {
    const deadline = performance.now() + (options.maxWaitMs ?? Number.POSITIVE_INFINITY);
    // Sequential on purpose: the keys may live on different Cluster slots. Holding a slot of an
    // earlier rule while waiting for a later one wastes at most that one slot.
    for (const rule of rules) await this.#inLine(rule, deadline);
  }

  /**
   * First come, first served within a process: waiters queue per key, and one booking round at a
   * time serves the whole line, head first. Without the line, waiters that happen to wake up
   * later can lose every race for a freed slot and starve for many seconds while newer requests
   * pass them; with one store round trip per waiter, a busy key would be served no faster than
   * one call per round trip (about 1,400 a second on loopback Redis, bench/proxy.ts). A round
   * books as many slots as the window has room for, for as many waiters as are in line.
   */
  #inLine(rule: LimitRule, deadline: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let line = this.#lines.get(rule.key);
      if (!line) this.#lines.set(rule.key, (line = { waiters: [], booking: false, inRound: 0 }));
      const queue = line.waiters;
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        deadline,
        settle: (error) => {
          clearTimeout(timer);
          if (error) reject(error);
          else resolve();
        },
      };
      queue.push(waiter);
      // Giving up in line leaves the line: whoever is behind keeps its place. A waiter in the round
      // under way hears its answer first (admitted, or refused saying when a slot frees up).
      const current = line;
      if (deadline !== Number.POSITIVE_INFINITY) {
        timer = setTimeout(
          () => {
            const at = queue.indexOf(waiter);
            if (at < current.inRound) return;
            queue.splice(at, 1);
            waiter.settle(new RateLimitWaitTooLongError(rule.key, undefined));
          },
          Math.max(0, deadline - performance.now()),
        );
      }
      if (!line.booking) void this.#serve(rule, line);
    });
  }

  async #serve(rule: LimitRule, line: Line): Promise<void> {
    line.booking = true;
    const windowMs = rule.windowMs + marginFor(rule.windowMs);
    const queue = line.waiters;
    while (queue.length > 0) {
      const want = queue.length;
      let admission: Admission;
      line.inRound = want;
      try {
        admission = await this.tryAdmit(rule.key, rule.max, windowMs, want);
      } catch (error) {
        line.inRound = 0;
        // The store failed this round: everyone it was for learns it.
        for (const waiter of queue.splice(0, want)) waiter.settle(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      line.inRound = 0;
      // The round's waiters, head first, take the slots it booked.
      for (const waiter of queue.splice(0, Math.min(admission.admitted, queue.length))) waiter.settle();
      if (queue.length === 0 || admission.admitted >= want) continue;
      const wait = admission.waitMs;
      const freeAt = performance.now() + wait;
      // Whoever cannot wait that long learns it now, with when a slot frees up.
      for (const waiter of queue.filter((w) => freeAt > w.deadline)) {
        queue.splice(queue.indexOf(waiter), 1);
        waiter.settle(new RateLimitWaitTooLongError(rule.key, wait));
      }
      // A little jitter so instances sharing the key do not wake up in lock step.
      if (queue.length > 0) await sleep(wait + Math.random() * 15);
    }
    line.booking = false;
    if (this.#lines.get(rule.key) === line) this.#lines.delete(rule.key);
  }
}

export class RedisRollingLimiter extends RollingLimiterBase {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
  ) {
    super();
  }

  protected async tryAdmit(key: string, max: number, windowMs: number, want: number): Promise<Admission> {
    const member = `${Date.now()}:${randomBytes(6).toString('base64url')}`;
    const reply = (await this.client.eval(ADMIT, 1, `${this.prefix}{rl:${key}}`, String(windowMs), String(max), member, String(want))) as [
      number,
      number,
    ];
    return { admitted: reply[0], waitMs: reply[1] };
  }
}

/** One process only (no Redis): the same rolling log in a Map. */
export class MemoryRollingLimiter extends RollingLimiterBase {
  readonly #log = new Map<string, number[]>();

  protected async tryAdmit(key: string, max: number, windowMs: number, want: number): Promise<Admission> {
    const now = Date.now();
    const log = (this.#log.get(key) ?? []).filter((t) => t > now - windowMs);
    const admitted = Math.max(0, Math.min(want, max - log.length));
    for (let i = 0; i < admitted; i++) log.push(now);
    this.#log.set(key, log);
    return { admitted, waitMs: admitted === want ? 0 : (log[0] ?? now) + windowMs - now + 1 };
  }
}
