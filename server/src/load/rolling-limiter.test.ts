import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { MemoryRollingLimiter, RedisRollingLimiter, type RollingLimiter } from './rolling-limiter.js';

const redis = new Redis(inject('redisUrl'));
afterAll(() => redis.quit());

describe.each([
  ['memory', () => new MemoryRollingLimiter()],
  ['redis', () => new RedisRollingLimiter(redis, `test:${randomUUID()}:`)],
] as const)('rolling-window limiter (%s)', (_name, create: () => RollingLimiter) => {
  it('never admits more than the budget within any window', async () => {
    const limiter = create();
    const rule = { key: `k-${randomUUID()}`, max: 3, windowMs: 200 };
    const admitted: number[] = [];
    await Promise.all(Array.from({ length: 9 }, async () => {
      await limiter.acquire([rule]);
      admitted.push(performance.now());
    }));
    admitted.sort((a, b) => a - b);
    for (let i = rule.max; i < admitted.length; i++) expect(admitted[i]! - admitted[i - rule.max]!).toBeGreaterThanOrEqual(rule.windowMs);
  });

  it('serves waiters first come, first served (no starvation under contention)', async () => {
    const limiter = create();
    const rule = { key: `k-${randomUUID()}`, max: 2, windowMs: 100 };
    const order: number[] = [];
    await Promise.all(Array.from({ length: 8 }, async (_, i) => {
      await limiter.acquire([rule]);
      order.push(i);
    }));
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
