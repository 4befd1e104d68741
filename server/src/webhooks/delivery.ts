import type { WebhookConfig } from '../config/env.js';
import type { Logger } from '../logging/logger.js';
import type { ConnectionEventSink, RedisCapability } from '../store/index.js';
import {
  DEFAULT_QUEUE_TIMINGS,
  DeliveryFailure,
  type DeliveryJob,
  type DeliveryQueue,
  type DeliveryQueueOptions,
  type DeliveryWorker,
} from './delivery-queue.js';
import { createDeliveryQueue } from './delivery-queues.js';
import { retryDelayMs } from './retry-schedule.js';
import { webhookSender } from './sender.js';

/** Tests shorten the waits; production uses the schedule of retry-schedule.ts and BullMQ's default lock. */
export type WebhookTuning = Partial<Pick<DeliveryQueueOptions, 'backoffMs' | 'lockMs' | 'stalledCheckMs'>>;

export interface WebhookDelivery {
  /** Where connection events go (the outbox relay's sink): enqueue returns once the event is durable. */
  sink: ConnectionEventSink;
  /** The queue itself, for the admin API (failed deliveries, redelivery). */
  queue: DeliveryQueue;
  /** Tests only: the worker of this instance (to stop or crash it). */
  worker: DeliveryWorker;
  close(): Promise<void>;
}

export interface WebhookDeliveryOptions {
  config: WebhookConfig;
  /** The store's Redis, where the queue lives beside the records; null: in this process. */
  redis: RedisCapability | null;
  logger: Logger;
  fetch?: typeof fetch;
  tuning?: WebhookTuning;
}

/**
 * Signed webhooks to WEBHOOK_URL: a durable queue in the store and a worker on this instance that
 * delivers from it. Every instance runs a worker; the queue hands each job to one at a time.
 * Delivery runs beside requests, never inside one: a slow receiver delays nothing but its webhooks.
 */
export async function startWebhookDelivery({
  config,
  redis,
  logger,
  fetch,
  tuning = {},
}: WebhookDeliveryOptions): Promise<WebhookDelivery> {
  const queue = await createDeliveryQueue(redis, {
    attempts: config.maxAttempts,
    backoffMs: tuning.backoffMs ?? ((attempt) => retryDelayMs(attempt)),
    failedRetentionMs: config.failedRetentionMs,
    // Longer than the relay could ever repeat an event: a repeat within this is a no-op.
    deliveredRetentionMs: 24 * 3_600_000,
    // BullMQ renews the lock every half of it while this instance lives, so a try may outlast it; the
    // lock only bounds how long a killed instance's delivery waits before another takes it over.
    lockMs: tuning.lockMs ?? DEFAULT_QUEUE_TIMINGS.lockMs,
    stalledCheckMs: tuning.stalledCheckMs ?? DEFAULT_QUEUE_TIMINGS.stalledCheckMs,
  });
  const send = webhookSender(config, fetch);
  const log = logger.child({ component: 'webhooks' });

  const deliver = async ({ event, attempt, signal }: DeliveryJob) => {
    const started = performance.now();
    const fields = { webhookId: event.id, type: event.type, attempt };
    try {
      const { status } = await send(event, signal);
      log.info({ ...fields, status, durationMs: Math.round(performance.now() - started) }, 'webhook delivered');
    } catch (error) {
      const failure = error instanceof DeliveryFailure ? error : new DeliveryFailure('delivery failed');
      const last = attempt >= config.maxAttempts;
      log[last ? 'error' : 'warn'](
        { ...fields, status: failure.status, error: failure.message, durationMs: Math.round(performance.now() - started), final: last },
        last ? 'webhook delivery failed for good: kept as failed' : 'webhook delivery failed: will retry',
      );
      throw failure;
    }
  };
  const worker = queue.process(deliver);
  return {
    sink: queue,
    queue,
    worker,
    close: async () => {
      // A running try may take up to the timeout; past that (Redis unreachable, say) the worker is cut
      // off as a crash would be: its deliveries are retried, by another instance or after a restart.
      if (!(await within(config.timeoutMs + 5_000, worker.close()))) {
        log.warn('webhook worker did not stop in time: its running deliveries will be retried');
        await worker.crash();
      }
      await within(5_000, queue.close());
    },
  };
}

/** Whether `work` settled within `ms` (it keeps running either way). */
async function within(ms: number, work: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
