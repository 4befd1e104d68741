import { randomBytes } from 'node:crypto';
import { AttemptStore } from './attempts.js';
import { ConnectionIndex } from './connection-index.js';
import { ConnectionOutbox } from './connection-outbox.js';
import { ConnectionStore } from './connections.js';
import type { KeyValueStore } from './key-value-store.js';
import { LockManager } from './locks.js';
import { MemoryStore } from './memory-store.js';
import { PendingGrantStore } from './pending-grants.js';
import { RedisStore } from './redis-store.js';
import { SealedBox } from './sealed-box.js';

export { StoreUnavailableError, type KeyValueStore } from './key-value-store.js';
export { displayOf, type Attempt } from './attempts.js';
export type { ConnectionEvent, ConnectionEventSink, ConnectionEventType } from './connection-events.js';
export type { PendingGrant } from './pending-grants.js';
export type { StoredConnection, ConnectionKey, ConnectionPage } from './connections.js';
export type { ConnectionFilter } from './connection-index.js';
export type { ConnectionOutbox, RelayLog, RelayOptions, RunningRelay } from './connection-outbox.js';
export type { RedisCapability, RedisClient, RedisClientOverrides } from './redis-capability.js';
export { MemoryStore, RedisStore, SealedBox };
export { MAX_SEALED_CURSOR_LENGTH, SealedCursors } from './sealed-cursors.js';

/** Everything the server keeps, over one KeyValueStore. */
export interface Stores {
  kv: KeyValueStore;
  attempts: AttemptStore;
  /** Grants exchanged by the callback, waiting for the consenting browser's confirmation. */
  pendingGrants: PendingGrantStore;
  connections: ConnectionStore;
  /** Events of connection changes, written with them; `outbox.startRelay` hands them to a sink. */
  outbox: ConnectionOutbox;
  locks: LockManager;
  /** Whether the encryption key was generated for this process only (stored data dies with it). */
  ephemeralKey: boolean;
}

export class MissingEncryptionKeyError extends Error {
  override readonly name = 'MissingEncryptionKeyError';
  constructor() {
    super(
      'ENCRYPTION_KEY is required with Redis (REDIS_URL or REDIS_CLUSTER_NODES) (32 random bytes, base64: `openssl rand -base64 32`). Tokens are never stored in plaintext.',
    );
  }
}

export interface StoreOptions {
  redisUrl?: string;
  redisClusterNodes?: ReadonlyArray<{ host: string; port: number }>;
  redisPassword?: string;
  keyPrefix?: string;
  encryptionKey?: Buffer;
  /** Only the zero-config demo may run on a key that dies with the process. */
  allowEphemeralKey?: boolean;
}

export async function createStores(options: StoreOptions): Promise<Stores> {
  let key = options.encryptionKey;
  const ephemeralKey = !key;
  if (!key) {
    // In memory nothing outlives the process anyway; on Redis an ephemeral key would strand data.
    if ((options.redisUrl || options.redisClusterNodes) && !options.allowEphemeralKey) throw new MissingEncryptionKeyError();
    key = randomBytes(32);
  }
  const kv: KeyValueStore = options.redisClusterNodes
    ? await RedisStore.connectCluster(options.redisClusterNodes, options.keyPrefix, options.redisPassword)
    : options.redisUrl
      ? await RedisStore.connect(options.redisUrl, options.keyPrefix)
      : new MemoryStore();
  return storesOver(kv, new SealedBox(key), ephemeralKey);
}

/** The stores over one KeyValueStore. */
export function storesOver(kv: KeyValueStore, box: SealedBox, ephemeralKey = false): Stores {
  const locks = new LockManager(kv);
  const index = new ConnectionIndex(kv);
  const outbox = new ConnectionOutbox(kv, index, locks);
  return {
    kv,
    attempts: new AttemptStore(kv, box),
    pendingGrants: new PendingGrantStore(kv, box),
    connections: new ConnectionStore(kv, box, outbox, index),
    outbox,
    locks,
    ephemeralKey,
  };
}
