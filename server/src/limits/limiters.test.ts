import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { MemoryStore, RedisStore } from '../store/index.js';
import { defineLimitersContract } from './limiters.contract.js';

// The same suite in memory and on a real redis-server started by the harness (the cluster runs it in test/cluster).
const redisUrl = inject('redisUrl');

defineLimitersContract('memory', async () => new MemoryStore());
defineLimitersContract('redis', () => RedisStore.connect(redisUrl, `test:${randomBytes(4).toString('hex')}:`));
