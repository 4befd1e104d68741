import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { MemoryRollingLimiter, RateLimitWaitTooLongError, RedisRollingLimiter, type RollingLimiter } from './rolling-limiter.js';

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

  it('gives up at once, saying when a slot frees up, when the budget is used up for longer than the caller may wait', async () => {
    const limiter = create();
    const rule = { key: `k-${randomUUID()}`, max: 1, windowMs: 60_000 };
    await limiter.acquire([rule], { maxWaitMs: 100 });
    const refused = await limiter.acquire([rule], { maxWaitMs: 100 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitWaitTooLongError);
    expect((refused as RateLimitWaitTooLongError).retryAfterMs).toBeGreaterThan(59_000);
  });

  it('lets a waiter give up in line without losing its place for those behind it', async () => {
    const limiter = create();
    const rule = { key: `k-${randomUUID()}`, max: 1, windowMs: 400 };
    await limiter.acquire([rule]);
    const events: string[] = [];
    const patient = limiter.acquire([rule], { maxWaitMs: 10_000 }).then(() => events.push('patient admitted'));
    const hasty = limiter.acquire([rule], { maxWaitMs: 50 }).catch((error: unknown) => {
      events.push(error instanceof RateLimitWaitTooLongError ? 'hasty gave up' : `hasty failed: ${String(error)}`);
    });
    const behind = limiter.acquire([rule], { maxWaitMs: 10_000 }).then(() => events.push('behind admitted'));
    await Promise.all([patient, hasty, behind]);
    expect(events).toEqual(['hasty gave up', 'patient admitted', 'behind admitted']);
  });
});
