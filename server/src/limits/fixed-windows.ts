import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RedisCapability } from '../store/index.js';

/**
 * Fixed-window counters (rate-limiter-flexible): in Redis when the store is Redis, so every
 * instance shares them, in memory otherwise. Keys are `<prefix>rl:<name>:<key>`.
 */
export type FixedWindows = (points: number, durationSeconds: number, name: string) => RateLimiterAbstract;

export function fixedWindows(redis: RedisCapability | null): FixedWindows {
  return (points, duration, name) =>
    redis
      ? new RateLimiterRedis({
          storeClient: redis.client,
          points,
          duration,
          keyPrefix: `${redis.prefix}rl:${name}`,
          useRedisPackage: false,
        })
      : new RateLimiterMemory({ points, duration, keyPrefix: name });
}

/** Spends `points` on `key`; null when allowed, else the milliseconds until the window resets. */
export async function spend(limiter: RateLimiterAbstract, key: string, points = 1): Promise<number | null> {
  try {
    await limiter.consume(key, points);
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return rejection.msBeforeNext;
    throw rejection;
  }
}
