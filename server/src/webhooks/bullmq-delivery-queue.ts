import { Queue, Worker, type Job } from 'bullmq';
import { StoreUnavailableError, type ConnectionEvent, type RedisCapability, type RedisClient } from '../store/index.js';
import {
  DeliveryFailure,
  decodeOffset,
  encodeOffset,
  type DeliveryHandler,
  type DeliveryQueue,
  type DeliveryQueueOptions,
  type DeliveryWorker,
  type FailedDelivery,
  type FailedDeliveryPage,
} from './delivery-queue.js';

interface JobData {
  event: ConnectionEvent;
  /** The receiver's status on the last failed try (BullMQ keeps only the error message). */
  lastStatus?: number | null;
}

const QUEUE_NAME = 'deliveries';
/** Stalls are the instance's fault, not the receiver's: a job survives several crashes before it counts as failed. */
const MAX_STALLS = 10;

/**
 * The delivery queue on Redis or Redis Cluster, through BullMQ. Every BullMQ key of this queue
 * starts with `<REDIS_KEY_PREFIX>{webhooks}`: one hash tag, so BullMQ's multi-key Lua scripts stay in
 * one slot on a cluster. BullMQ gets its own connections, duplicated from the store's client: the
 * queue's fails fast like the store's (an enqueue while Redis is down is an error the relay retries),
 * the worker's waits out reconnects (`maxRetriesPerRequest: null`, which BullMQ requires of workers).
 */
export class BullDeliveryQueue implements DeliveryQueue {
  readonly #workers = new Set<DeliveryWorker>();

  private constructor(
    private readonly queue: Queue<JobData>,
    private readonly queueConnection: RedisClient,
    private readonly redis: RedisCapability,
    private readonly bullPrefix: string,
    private readonly options: DeliveryQueueOptions,
  ) {}

  static async open(redis: RedisCapability, options: DeliveryQueueOptions): Promise<BullDeliveryQueue> {
    const prefix = `${redis.prefix}{webhooks}`;
    const connection = redis.duplicate({ enableAutoPipelining: false });
    connection.on('error', () => {}); // health is /readyz's job; ioredis keeps reconnecting
    const queue = new Queue<JobData>(QUEUE_NAME, { connection, prefix });
    queue.on('error', () => {});
    await queue.waitUntilReady();
    return new BullDeliveryQueue(queue, connection, redis, prefix, options);
  }

  async enqueue(event: ConnectionEvent): Promise<void> {
    // jobId = event id: BullMQ ignores an add whose id it still holds (waiting, delayed, active, done or failed).
    await redisCall(() =>
      this.queue.add(
        event.type,
        { event },
        {
          jobId: event.id,
          attempts: this.options.attempts,
          backoff: { type: 'webhook' },
          removeOnComplete: { age: Math.ceil(this.options.deliveredRetentionMs / 1000) },
          removeOnFail: { age: Math.ceil(this.options.failedRetentionMs / 1000) },
        },
      ),
    );
  }

  process(handler: DeliveryHandler): DeliveryWorker {
    const connection = this.redis.duplicate({ maxRetriesPerRequest: null, enableOfflineQueue: true, enableAutoPipelining: false });
    connection.on('error', () => {});
    const running = new Map<string, AbortController>();
    const state = { crashed: false };
    const crashed = () => state.crashed;
    const worker = new Worker<JobData>(
      QUEUE_NAME,
      async (job: Job<JobData>) => {
        // A crashed worker whose connections are still being cut delivers nothing more.
        if (crashed()) throw new Error('worker crashed');
        const abort = new AbortController();
        running.set(job.id ?? '', abort);
        try {
          await handler({ event: job.data.event, attempt: job.attemptsMade + 1, signal: abort.signal });
        } catch (error) {
          if (crashed()) throw error;
          const lastStatus = error instanceof DeliveryFailure ? error.status : null;
          await job.updateData({ event: job.data.event, lastStatus });
          throw error;
        } finally {
          running.delete(job.id ?? '');
        }
      },
      {
        connection,
        prefix: this.bullPrefix,
        concurrency: 4,
        lockDuration: this.options.lockMs,
        stalledInterval: this.options.stalledCheckMs,
        maxStalledCount: MAX_STALLS,
        drainDelay: 1,
        settings: { backoffStrategy: (attemptsMade: number) => this.options.backoffMs(attemptsMade) },
      },
    );
    worker.on('error', () => {});
    const handle: DeliveryWorker = {
      close: async () => {
        this.#workers.delete(handle);
        await worker.close();
        connection.disconnect();
      },
      crash: async () => {
        this.#workers.delete(handle);
        state.crashed = true;
        // Cut Redis first so nothing about the running jobs is written, then stop the deliveries. Nothing
        // here waits on Redis: a crash is also how a shutdown ends when Redis is unreachable.
        await settledWithin(2_000, worker.disconnect());
        for (const abort of running.values()) abort.abort(new Error('worker crashed'));
        await settledWithin(1_000, worker.close(true));
        connection.disconnect();
      },
    };
    this.#workers.add(handle);
    return handle;
  }

  async listFailed({ first, after }: { first: number; after?: string | null }): Promise<FailedDeliveryPage> {
    const offset = decodeOffset(after);
    const [jobs, total] = await redisCall(() =>
      Promise.all([this.queue.getFailed(offset, offset + first - 1), this.queue.getFailedCount()]),
    );
    const items = jobs.map((job, index): FailedDelivery & { cursor: string } => ({
      cursor: encodeOffset(offset + index + 1),
      id: job.id ?? job.data.event.id,
      event: job.data.event,
      attempts: job.attemptsMade,
      lastStatus: job.data.lastStatus ?? null,
      lastError: job.failedReason,
      enqueuedAt: job.timestamp,
      failedAt: job.finishedOn ?? job.timestamp,
    }));
    const hasNextPage = offset + first < total;
    return { items, hasNextPage, endCursor: hasNextPage ? encodeOffset(offset + first) : null };
  }

  async redeliver(id: string): Promise<boolean> {
    return redisCall(async () => {
      const job = await this.queue.getJob(id);
      if (!job || (await job.getState()) !== 'failed') return false;
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      return true;
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.#workers].map((worker) => worker.close()));
    await this.queue.close();
    this.queueConnection.disconnect();
  }
}

/** Waits for `work` at most `ms`; its outcome does not matter (it keeps running in the background). */
async function settledWithin(ms: number, work: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work.catch(() => {}), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** Redis errors surface as the store's own (STORE_UNAVAILABLE in the API; the relay retries an enqueue). */
async function redisCall<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (error) {
    throw new StoreUnavailableError('Redis command of the webhook queue failed', { cause: error });
  }
}
