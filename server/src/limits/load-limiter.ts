import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { identityNames, type Identity } from '../auth/identity.js';
import type { Config } from '../config/env.js';
import type { Stores } from '../store/index.js';

/** An identity used up one of its budgets; `retryAfterSeconds` says when the window resets. */
export class IdentityLimitError extends Error {
  override readonly name = 'IdentityLimitError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/**
 * What one identity may spend on `load`: runs started per minute (a first page without `after`),
 * and bytes of scratch data written per run lifetime. Fixed windows (rate-limiter-flexible, in
 * Redis when the server has it, so every instance shares them): data written in one window dies
 * at most one run lifetime later, so an identity's live scratch data never exceeds twice the
 * byte budget.
 */
export class LoadLimiter {
  readonly #runs: RateLimiterAbstract;
  readonly #scratch: RateLimiterAbstract;

  constructor(config: Config, stores: Stores, runTtlMs: number) {
    const make = (points: number, durationSeconds: number, keyPrefix: string) =>
      stores.redis
        ? new RateLimiterRedis({ storeClient: stores.redis, points, duration: durationSeconds, keyPrefix: `${config.redisKeyPrefix}rl:${keyPrefix}`, useRedisPackage: false })
        : new RateLimiterMemory({ points, duration: durationSeconds, keyPrefix });
    this.#runs = make(config.loadLimits.runsPerMinute, 60, 'load-runs');
    this.#scratch = make(config.loadLimits.scratchBytes, Math.ceil(runTtlMs / 1000), 'scratch-bytes');
  }

  /** Before the first page of a new run. */
  async startRun(identity: Identity): Promise<void> {
    await spend(this.#runs, identityNames.loadRunLimit(identity), 1, (s) => `Too many loads started; retry in ${s} s.`);
  }

  /** Before writing `bytes` of scratch data (an estimate of what the store keeps, overhead included). */
  async spendScratch(identity: Identity, bytes: number): Promise<void> {
    await spend(this.#scratch, identityNames.scratchBudget(identity), bytes, (s) => `This identity's loads hold too much data in progress; retry in ${s} s.`);
  }
}

async function spend(limiter: RateLimiterAbstract, key: string, points: number, message: (seconds: number) => string): Promise<void> {
  try {
    await limiter.consume(key, points);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw new IdentityLimitError(message(seconds), seconds);
  }
}
