import type { Cluster, Redis } from 'ioredis';

/** One Redis or a Redis Cluster, as ioredis drives it. */
export type RedisClient = Redis | Cluster;

/** What a new client to the store's Redis changes of the store's own client options. */
export interface RedisClientOverrides {
  /** null: wait out reconnects instead of failing a command (BullMQ requires it of workers). */
  maxRetriesPerRequest?: null;
  enableOfflineQueue?: boolean;
  enableAutoPipelining: boolean;
}

/**
 * The store's Redis as a capability other folders may build on (the limiters, the webhook queue),
 * so that only store/ knows how a store reaches Redis: nobody asks which store it is.
 */
export interface RedisCapability {
  /** The store's own client: shared, never closed or reconfigured by those who borrow it. */
  readonly client: RedisClient;
  /** REDIS_KEY_PREFIX: every key written on this Redis starts with it. */
  readonly prefix: string;
  /** A new client to the same Redis or cluster with `overrides` over the store's options; its caller closes it. */
  duplicate(overrides: RedisClientOverrides): RedisClient;
}
