import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import { RUN_TTL_MS } from '../../src/load/load-service.js';
import { StoreScratch } from '../../src/load/scratch.js';
import { limitBudgets } from '../../src/server.js';
import { createLimiters, IdentityLimitError, type Limiters } from '../../src/limits/index.js';
import { RedisStore, SealedBox, storesOver, type Stores } from '../../src/store/index.js';
import { freshIdentity } from '../../../test/support/identity.js';

describe('what one identity may keep in Redis through load scratch data (real Redis)', () => {
  const prefix = `budget:${randomBytes(4).toString('hex')}:`;
  let stores: Stores;
  let redis: Redis;
  let limiter: Limiters['load'];
  const box = new SealedBox(randomBytes(32));
  const config = loadConfig({ AUTH_MODE: 'open', LOAD_SCRATCH_LIMIT_MB: '1', REDIS_KEY_PREFIX: prefix });

  beforeAll(async () => {
    stores = storesOver(await RedisStore.connect(inject('redisUrl'), prefix), box);
    redis = new Redis(inject('redisUrl'));
    limiter = createLimiters(stores.kv.redis, limitBudgets(config)).load;
  });
  afterAll(async () => {
    await stores.kv.close();
    await redis.quit();
  });

  /** Writes pages of realistic scratch entries for `who` until the budget refuses one; returns how many were written. */
  async function fill(who: { orgId: string; userId: string }, run: string): Promise<number> {
    const scratch = new StoreScratch(stores.kv, box, limiter, { identity: who, provider: 'notion', run }, RUN_TTL_MS);
    let written = 0;
    for (let page = 0; page < 1_000; page++) {
      const entries = Array.from(
        { length: 50 },
        (_, i) => [`index:${page}-${i}-${randomUUID()}`, { t: `A page title of ordinary length ${i}`, p: randomUUID(), g: page }] as const,
      );
      try {
        await scratch.setMany(entries);
      } catch (error) {
        expect(error).toBeInstanceOf(IdentityLimitError);
        return written;
      }
      written += entries.length;
    }
    throw new Error('the budget never refused a write');
  }

  it('refuses writes beyond LOAD_SCRATCH_LIMIT_MB, and what was kept stays within it as Redis counts memory', async () => {
    const who = freshIdentity();
    const written = await fill(who, 'run-1');
    expect(written).toBeGreaterThan(1_000);
    // Another run of the same identity shares the budget.
    expect(await fill(who, 'run-2')).toBe(0);

    const keys = await redis.keys(`${prefix}{load:*`);
    expect(keys).toHaveLength(written);
    let bytes = 0;
    for (const key of keys) bytes += (await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) as number;
    expect(bytes).toBeLessThanOrEqual(config.loadLimits.scratchBytes);
    expect(bytes).toBeGreaterThan(config.loadLimits.scratchBytes * 0.5); // the estimate is not wildly pessimistic either
  });

  it('is per identity: one identity at its limit does not stop another', async () => {
    const first = freshIdentity();
    await fill(first, 'run-a');
    const scratch = new StoreScratch(stores.kv, box, limiter, { identity: freshIdentity(), provider: 'notion', run: 'run-b' }, RUN_TTL_MS);
    await scratch.set('run', true);
  });

  it('starts of new runs are counted per identity, in a window of a minute', async () => {
    const strictConfig = loadConfig({ AUTH_MODE: 'open', LOAD_RATE_LIMIT: '2', REDIS_KEY_PREFIX: prefix });
    const strict = createLimiters(stores.kv.redis, limitBudgets(strictConfig)).load;
    const who = freshIdentity();
    await strict.startRun(who);
    await strict.startRun(who);
    const refused = await strict.startRun(who).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(IdentityLimitError);
    expect((refused as IdentityLimitError).retryAfterSeconds).toBeLessThanOrEqual(60);
    await strict.startRun(freshIdentity());
  });
});
