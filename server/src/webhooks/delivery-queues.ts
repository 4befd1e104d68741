import type { RedisCapability } from '../store/index.js';
import { BullDeliveryQueue } from './bullmq-delivery-queue.js';
import type { DeliveryQueue, DeliveryQueueOptions } from './delivery-queue.js';
import { MemoryDeliveryQueue } from './memory-delivery-queue.js';

/**
 * The durable webhook delivery queue where the records are: BullMQ on the store's Redis or Redis
 * Cluster (under its key prefix), the in-process queue in memory mode (no Redis).
 */
export async function createDeliveryQueue(redis: RedisCapability | null, options: DeliveryQueueOptions): Promise<DeliveryQueue> {
  return redis ? BullDeliveryQueue.open(redis, options) : new MemoryDeliveryQueue(options);
}
