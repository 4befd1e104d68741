import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../store/index.js';
import { createLimiters, IdentityLimitError, RateLimitWaitTooLongError, type LimitBudgets, type Limiters } from './index.js';

const BUDGETS: LimitBudgets = {
  connect: { perIdentity: 2, perIp: 3 },
  load: { runsPerMinute: 2, scratchBytes: 1_000, scratchWindowMs: 60_000 },
};
const someone = () => ({ orgId: `org-${randomUUID()}`, userId: 'u' });
const someIp = () => `10.0.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

/**
 * The limiters the server builds over any KeyValueStore's Redis, or none (memory, Redis, Redis
 * Cluster): the rolling window every provider call books, the connect limiter and the load budgets.
 */
export function defineLimitersContract(name: string, create: () => Promise<KeyValueStore>) {
  describe(`limiters over ${name}`, () => {
    let kv: KeyValueStore;
    let limits: Limiters;
    beforeAll(async () => {
      kv = await create();
      limits = createLimiters(kv.redis, BUDGETS);
    });
    afterAll(() => kv.close());

    describe('the rolling window of provider calls', () => {
      it('never admits more than the budget within any window', async () => {
        const rule = { key: `k-${randomUUID()}`, max: 3, windowMs: 200 };
        const admitted: number[] = [];
        await Promise.all(
          Array.from({ length: 9 }, async () => {
            await limits.providerCalls.acquire([rule]);
            admitted.push(performance.now());
          }),
        );
        admitted.sort((a, b) => a - b);
        for (let i = rule.max; i < admitted.length; i++)
          expect(admitted[i]! - admitted[i - rule.max]!).toBeGreaterThanOrEqual(rule.windowMs);
      });

      it('serves waiters first come, first served (no starvation under contention)', async () => {
        const rule = { key: `k-${randomUUID()}`, max: 2, windowMs: 100 };
        const order: number[] = [];
        await Promise.all(
          Array.from({ length: 8 }, async (_, i) => {
            await limits.providerCalls.acquire([rule]);
            order.push(i);
          }),
        );
        expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      });

      it('gives up at once, saying when a slot frees up, when the budget is used up for longer than the caller may wait', async () => {
        const rule = { key: `k-${randomUUID()}`, max: 1, windowMs: 60_000 };
        await limits.providerCalls.acquire([rule], { maxWaitMs: 100 });
        const refused = await limits.providerCalls.acquire([rule], { maxWaitMs: 100 }).catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(RateLimitWaitTooLongError);
        expect((refused as RateLimitWaitTooLongError).retryAfterMs).toBeGreaterThan(59_000);
      });

      it('lets a waiter give up in line without losing its place for those behind it', async () => {
        const limiter = limits.providerCalls;
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

    describe('connect attempts', () => {
      it('are counted per identity: past the budget the identity waits, saying how long; others go on', async () => {
        const who = someone();
        for (let i = 0; i < BUDGETS.connect.perIdentity; i++)
          expect(await limits.connect.consume(who, someIp())).toEqual({ allowed: true });
        const refused = await limits.connect.consume(who, someIp());
        expect(refused).toMatchObject({ allowed: false });
        expect(!refused.allowed && refused.retryAfterSeconds).toBeGreaterThan(0);
        expect(!refused.allowed && refused.retryAfterSeconds).toBeLessThanOrEqual(60);
        expect(await limits.connect.consume(someone(), someIp())).toEqual({ allowed: true });
      });

      it('are counted per client IP across identities', async () => {
        const ip = someIp();
        for (let i = 0; i < BUDGETS.connect.perIp; i++) expect(await limits.connect.consume(someone(), ip)).toEqual({ allowed: true });
        expect(await limits.connect.consume(someone(), ip)).toMatchObject({ allowed: false });
      });
    });

    describe('load budgets', () => {
      it('count the runs an identity starts per minute', async () => {
        const who = someone();
        for (let i = 0; i < BUDGETS.load.runsPerMinute; i++) await limits.load.startRun(who);
        const refused = await limits.load.startRun(who).catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(IdentityLimitError);
        expect((refused as IdentityLimitError).retryAfterSeconds).toBeLessThanOrEqual(60);
        await limits.load.startRun(someone());
      });

      it('count the scratch bytes an identity writes, refusing from the write that passes the budget on', async () => {
        const who = someone();
        await limits.load.spendScratch(who, 600);
        await limits.load.spendScratch(who, 400);
        await expect(limits.load.spendScratch(who, 1)).rejects.toBeInstanceOf(IdentityLimitError);
        await limits.load.spendScratch(someone(), 1_000);
      });
    });
  });
}
