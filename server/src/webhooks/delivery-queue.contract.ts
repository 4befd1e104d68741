import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from '../providers/registry.js';
import type { ConnectionEvent } from '../store/index.js';
import { DeliveryFailure, InvalidCursorError, type DeliveryJob, type DeliveryQueue, type DeliveryQueueOptions } from './delivery-queue.js';

/** Opens one more instance of the same queue (what another server process would see). */
export type QueueInstances = (options: DeliveryQueueOptions) => Promise<DeliveryQueue>;

export interface QueueContractTarget {
  /** A fresh, empty queue namespace; every call of the returned function is another instance of it. */
  namespace(): Promise<{ instance: QueueInstances; dispose(): Promise<void> }>;
}

// Short steps so the suite runs in seconds; the production schedule is tested in retry-schedule.test.ts.
export const FAST_QUEUE: DeliveryQueueOptions = {
  attempts: 3,
  backoffMs: (attempt) => 40 * attempt,
  failedRetentionMs: 3_600_000,
  deliveredRetentionMs: 3_600_000,
  lockMs: 1_000,
  stalledCheckMs: 300,
};

export const sampleEvent = (overrides: Partial<ConnectionEvent> = {}): ConnectionEvent => ({
  id: `evt_${randomUUID()}`,
  type: 'connection.created',
  timestamp: new Date().toISOString(),
  data: {
    provider: PROVIDER_IDS[0]!,
    orgId: `org-${randomUUID()}`,
    userId: 'user-1',
    account: { id: 'acc-1', name: 'Ada' },
    status: 'CONNECTED',
  },
  ...overrides,
});

const until = async (check: () => boolean | Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function defineDeliveryQueueContract(name: string, target: QueueContractTarget) {
  describe(`DeliveryQueue contract: ${name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });
    const open = async (options: DeliveryQueueOptions = FAST_QUEUE) => {
      const space = await target.namespace();
      cleanups.push(space.dispose);
      const instance = async (overrides: Partial<DeliveryQueueOptions> = {}) => {
        const queue = await space.instance({ ...options, ...overrides });
        cleanups.push(() => queue.close());
        return queue;
      };
      return { first: await instance(), instance };
    };
    /** A handler that records what it saw and answers as `outcome` says. */
    const recorder = (outcome: (job: DeliveryJob) => Promise<void> = async () => {}) => {
      const seen: DeliveryJob[] = [];
      const handler = async (job: DeliveryJob) => {
        seen.push(job);
        await outcome(job);
      };
      return { seen, handler };
    };

    it('delivers an enqueued event exactly as it was enqueued, on the first attempt', async () => {
      const { first: queue } = await open();
      const { seen, handler } = recorder();
      queue.process(handler);
      const event = sampleEvent();
      await queue.enqueue(event);
      await until(() => seen.length === 1);
      expect(seen[0]!.event).toEqual(event);
      expect(seen[0]!.attempt).toBe(1);
    });

    it('is idempotent by event id: the relay handing an event again (queued or delivered) changes nothing', async () => {
      const { first: queue } = await open();
      const event = sampleEvent();
      await queue.enqueue(event);
      await queue.enqueue({ ...event, type: 'connection.deleted' });
      const { seen, handler } = recorder();
      queue.process(handler);
      await until(() => seen.length === 1);
      await queue.enqueue(event);
      await sleep(300);
      expect(seen.map((job) => job.event)).toEqual([event]);
    });

    it('retries a failed delivery after the backoff, with the same event, until it is delivered', async () => {
      const { first: queue } = await open();
      const times: number[] = [];
      const { seen, handler } = recorder(async (job) => {
        times.push(Date.now());
        if (job.attempt < 3) throw new DeliveryFailure('HTTP 503', 503);
      });
      queue.process(handler);
      const event = sampleEvent();
      await queue.enqueue(event);
      await until(() => seen.length === 3);
      expect(seen.map((job) => job.attempt)).toEqual([1, 2, 3]);
      expect(seen.every((job) => JSON.stringify(job.event) === JSON.stringify(event))).toBe(true);
      // backoffMs(1) = 40 ms before the second try, backoffMs(2) = 80 ms before the third.
      expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(35);
      expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(75);
      await sleep(300);
      expect(seen).toHaveLength(3);
      expect((await queue.listFailed({ first: 10 })).items).toEqual([]);
    });

    it('after the last attempt keeps the delivery as failed, with its last status and error, and tries no more', async () => {
      const { first: queue } = await open();
      const { seen, handler } = recorder(async () => {
        throw new DeliveryFailure('HTTP 500', 500);
      });
      queue.process(handler);
      const event = sampleEvent();
      const before = Date.now();
      await queue.enqueue(event);
      await until(async () => (await queue.listFailed({ first: 10 })).items.length === 1);
      const [failed] = (await queue.listFailed({ first: 10 })).items;
      expect(failed).toMatchObject({ id: event.id, event, attempts: 3, lastStatus: 500, lastError: 'HTTP 500' });
      expect(failed!.enqueuedAt).toBeGreaterThanOrEqual(before - 1000);
      expect(failed!.failedAt).toBeGreaterThanOrEqual(failed!.enqueuedAt);
      await sleep(300);
      expect(seen).toHaveLength(3);
    });

    it('records a failure without an HTTP status (a timeout, a refused connection) as lastStatus null', async () => {
      const { first: queue } = await open({ ...FAST_QUEUE, attempts: 1 });
      queue.process(async () => {
        throw new DeliveryFailure('connection refused');
      });
      await queue.enqueue(sampleEvent());
      await until(async () => (await queue.listFailed({ first: 1 })).items.length === 1);
      expect((await queue.listFailed({ first: 1 })).items[0]).toMatchObject({
        attempts: 1,
        lastStatus: null,
        lastError: 'connection refused',
      });
    });

    it('lists failed deliveries newest first, a page at a time, and refuses a cursor it did not make', async () => {
      const { first: queue } = await open({ ...FAST_QUEUE, attempts: 1 });
      queue.process(async () => {
        throw new DeliveryFailure('HTTP 410', 410);
      });
      const events = Array.from({ length: 5 }, () => sampleEvent());
      for (const event of events) {
        await queue.enqueue(event);
        await until(async () => (await queue.listFailed({ first: 10 })).items.some((item) => item.id === event.id));
        await sleep(5);
      }
      const ids: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const page: Awaited<ReturnType<DeliveryQueue['listFailed']>> = await queue.listFailed({ first: 2, after });
        pages++;
        ids.push(...page.items.map((item) => item.id));
        if (!page.hasNextPage) {
          expect(page.endCursor).toBeNull();
          break;
        }
        after = page.endCursor;
      }
      expect(pages).toBe(3);
      expect(ids).toEqual(events.map((event) => event.id).reverse());
      await expect(queue.listFailed({ first: 2, after: 'bm9wZQ' })).rejects.toBeInstanceOf(InvalidCursorError);
    });

    it('redelivers a failed delivery with the same event id, for a fresh round of attempts', async () => {
      const { first: queue } = await open({ ...FAST_QUEUE, attempts: 2 });
      let receiverUp = false;
      const { seen, handler } = recorder(async () => {
        if (!receiverUp) throw new DeliveryFailure('HTTP 503', 503);
      });
      queue.process(handler);
      const event = sampleEvent();
      await queue.enqueue(event);
      await until(async () => (await queue.listFailed({ first: 10 })).items.length === 1);
      expect(await queue.redeliver(`evt_${randomUUID()}`)).toBe(false);
      receiverUp = true;
      expect(await queue.redeliver(event.id)).toBe(true);
      await until(() => seen.length === 3);
      expect(seen[2]).toMatchObject({ event, attempt: 1 });
      await until(async () => (await queue.listFailed({ first: 10 })).items.length === 0);
      expect(await queue.redeliver(event.id)).toBe(false);
    });

    it('two instances share the work: every event delivered once, none twice', async () => {
      const { first, instance } = await open();
      const second = await instance();
      const { seen, handler } = recorder(() => sleep(10));
      first.process(handler);
      second.process(handler);
      const events = Array.from({ length: 30 }, () => sampleEvent());
      await Promise.all(events.map((event, i) => (i % 2 ? first : second).enqueue(event)));
      await until(() => seen.length === events.length);
      await sleep(300);
      expect(seen.map((job) => job.event.id).sort()).toEqual(events.map((event) => event.id).sort());
    });

    it('a job held by an instance that dies mid-delivery is delivered by another, with the same event', async () => {
      const { first, instance } = await open();
      const second = await instance();
      let holding: DeliveryJob | undefined;
      const dying = first.process(async (job) => {
        holding = job;
        await new Promise((_resolve, reject) => job.signal.addEventListener('abort', () => reject(job.signal.reason as Error)));
      });
      const event = sampleEvent();
      await first.enqueue(event);
      await until(() => holding !== undefined);
      await dying.crash();
      expect(holding!.signal.aborted).toBe(true);
      const { seen, handler } = recorder();
      const started = Date.now();
      second.process(handler);
      await until(() => seen.length === 1, 15_000);
      // Taken over once the dead instance's lock lapsed (lockMs) and a stalled check ran.
      expect(Date.now() - started).toBeLessThan(FAST_QUEUE.lockMs + 10 * FAST_QUEUE.stalledCheckMs + 2_000);
      expect(seen[0]!.event).toEqual(event);
      await sleep(300);
      expect(seen).toHaveLength(1);
    });
  });
}
