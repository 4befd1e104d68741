import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { identityNames, type Identity } from '../auth/identity.js';
import type { Config } from '../config/env.js';
import type { Stores } from '../store/index.js';

/**
 * Limits how often `connect` may start an attempt, per identity and per client IP (sliding
 * one-minute windows). rate-limiter-flexible keeps the counters in Redis when the server has it,
 * so the limit holds across instances; in memory otherwise.
 */
export class ConnectLimiter {
  readonly #perIdentity: RateLimiterAbstract;
  readonly #perIp: RateLimiterAbstract;

  constructor(config: Config, stores: Stores) {
    const make = (points: number, keyPrefix: string) =>
      stores.redis
        ? new RateLimiterRedis({ storeClient: stores.redis, points, duration: 60, keyPrefix: `${config.redisKeyPrefix}rl:${keyPrefix}`, useRedisPackage: false })
        : new RateLimiterMemory({ points, duration: 60, keyPrefix });
    this.#perIdentity = make(config.connectRateLimit.perIdentity, 'connect-identity');
    this.#perIp = make(config.connectRateLimit.perIp, 'connect-ip');
  }

  /** Resolves when allowed; otherwise returns the seconds to wait. */
  async consume(identity: Identity, ip: string): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
    try {
      await this.#perIp.consume(ip);
      await this.#perIdentity.consume(identityNames.connectLimit(identity));
      return { allowed: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.ceil(rejection.msBeforeNext / 1000) };
      throw rejection;
    }
  }
}
