import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { defineDeliveryQueueContract } from './delivery-queue.contract.js';
import { RedisStore } from '../store/index.js';
import { createDeliveryQueue } from './delivery-queues.js';
import { MemoryDeliveryQueue } from './memory-delivery-queue.js';

// One contract for the in-process queue and BullMQ on a real redis-server (the cluster runs it in test/cluster).
const redisUrl = inject('redisUrl');

defineDeliveryQueueContract('memory', {
  namespace: async () => {
    let queue: MemoryDeliveryQueue | undefined;
    // One process: every "instance" is the same queue.
    return { instance: async (options) => (queue ??= new MemoryDeliveryQueue(options)), dispose: async () => {} };
  },
});

defineDeliveryQueueContract('redis', {
  namespace: async () => {
    const kv = await RedisStore.connect(redisUrl, `test:${randomBytes(4).toString('hex')}:`);
    return { instance: (options) => createDeliveryQueue(kv.redis, options), dispose: () => kv.close() };
  },
});
