import type { RedisCapability } from '../store/index.js';
import { ConnectLimiter, type ConnectBudget } from './connect-limiter.js';
import { fixedWindows } from './fixed-windows.js';
import { LoadLimiter, type LoadBudget } from './load-limiter.js';
import { MemoryRollingLimiter, RedisRollingLimiter, type RollingLimiter } from './rolling-limiter.js';

export { IdentityLimitError } from './load-limiter.js';
export { RateLimitWaitTooLongError } from './rolling-limiter.js';

/** The budgets the limiters enforce; the server takes them from its configuration. */
export interface LimitBudgets {
  connect: ConnectBudget;
  load: LoadBudget;
}

/** The defaults of the env variables (CONNECT_RATE_LIMIT, ..., LOAD_SCRATCH_LIMIT_MB) and a 2 h run. */
export const DEFAULT_LIMIT_BUDGETS: LimitBudgets = {
  connect: { perIdentity: 10, perIp: 60 },
  load: { runsPerMinute: 30, scratchBytes: 16 * 1024 * 1024, scratchWindowMs: 2 * 60 * 60 * 1000 },
};

/** Every limiter of the server, over the store's Redis (one budget for every instance) or this process's memory. */
export interface Limiters {
  /** The rolling window every provider call books first: loads and the account lookups at connect. */
  providerCalls: RollingLimiter;
  connect: ConnectLimiter;
  load: LoadLimiter;
}

export function createLimiters(redis: RedisCapability | null, budgets: LimitBudgets): Limiters {
  const windows = fixedWindows(redis);
  return {
    providerCalls: redis ? new RedisRollingLimiter(redis.client, redis.prefix) : new MemoryRollingLimiter(),
    connect: new ConnectLimiter(budgets.connect, windows),
    load: new LoadLimiter(budgets.load, windows),
  };
}
