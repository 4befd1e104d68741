import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { defineConnectionListingContract } from './connections-listing.contract.js';
import { defineKeyValueStoreContract } from './key-value-store.contract.js';
import { defineStoresContract } from './stores.contract.js';
import { MemoryStore } from './memory-store.js';
import { RedisStore } from './redis-store.js';

// The same suites against both implementations; Redis is a real redis-server started by the harness.
const redisUrl = inject('redisUrl');
const prefix = () => `test:${randomBytes(4).toString('hex')}:`;

defineKeyValueStoreContract('memory', async () => new MemoryStore());
defineKeyValueStoreContract('redis', () => RedisStore.connect(redisUrl, prefix()));
defineStoresContract('memory', async () => new MemoryStore());
defineStoresContract('redis', () => RedisStore.connect(redisUrl, prefix()));
defineConnectionListingContract('memory', async () => new MemoryStore());
defineConnectionListingContract('redis', () => RedisStore.connect(redisUrl, prefix()));
