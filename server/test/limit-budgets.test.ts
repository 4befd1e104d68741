import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/env.js';
import { RUN_TTL_MS } from '../src/load/load-service.js';
import { limitBudgets } from '../src/server.js';
import { DEFAULT_LIMIT_BUDGETS } from '../src/limits/index.js';

describe('the budgets the limiters enforce', () => {
  it('default to what the env variables default to, with the scratch window of one load run', () => {
    expect(limitBudgets(loadConfig({ AUTH_MODE: 'open' }))).toEqual(DEFAULT_LIMIT_BUDGETS);
    expect(DEFAULT_LIMIT_BUDGETS.load.scratchWindowMs).toBe(RUN_TTL_MS);
  });

  it('follow the configuration', () => {
    const config = loadConfig({
      AUTH_MODE: 'open',
      CONNECT_RATE_LIMIT: '3',
      CONNECT_RATE_LIMIT_PER_IP: '7',
      LOAD_RATE_LIMIT: '5',
      LOAD_SCRATCH_LIMIT_MB: '2',
    });
    expect(limitBudgets(config)).toEqual({
      connect: { perIdentity: 3, perIp: 7 },
      load: { runsPerMinute: 5, scratchBytes: 2 * 1024 * 1024, scratchWindowMs: RUN_TTL_MS },
    });
  });
});
