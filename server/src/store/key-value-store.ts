import type { RedisCapability } from './redis-capability.js';

/**
 * The few atomic primitives the server needs from storage. Every operation touches one key (or, for
 * `compareAndSwapAppend`, keys sharing one hash tag), so the same code runs on one Redis, a Redis
 * Cluster or in memory; higher-level stores (attempts, connections, locks) are written once on top of this.
 */
export interface KeyValueStore {
  /**
   * The Redis (or Redis Cluster) under this store, declared: what keeps its own data beside the
   * records on the same Redis (limits/, the webhook queue) is built on it. Null in memory.
   */
  readonly redis: RedisCapability | null;
  get(key: string): Promise<string | null>;
  /** Writes the value; with `onlyIfAbsent`, returns false instead of overwriting (SET NX). */
  set(key: string, value: string, options?: SetOptions): Promise<boolean>;
  /** Reads and deletes in one step: of many concurrent callers exactly one gets the value. */
  take(key: string): Promise<string | null>;
  /** Replaces the value only if it is still `expected` (optimistic concurrency). */
  compareAndSet(key: string, expected: string, next: string, options?: { ttlMs?: number }): Promise<boolean>;
  /** Deletes only if the value is still `expected` (lock release by its owner). */
  compareAndDelete(key: string, expected: string): Promise<boolean>;
  delete(key: string): Promise<boolean>;
  /**
   * The transactional outbox's step: if `key` holds `expected` (null: is absent), replaces it with
   * `next` (null: deletes it) and appends `entry` to the list at `listKey`, both or neither.
   * The two keys must share a hash tag (one Redis Cluster slot). Returns whether it wrote.
   */
  compareAndSwapAppend(
    key: string,
    expected: string | null,
    next: string | null,
    append: { listKey: string; entry: string },
  ): Promise<boolean>;
  /** Up to `limit` entries from the head of a list (oldest first); [] for an unknown key. */
  listHead(key: string, limit: number): Promise<string[]>;
  /** Removes the first entry equal to `entry`; reports whether there was one. */
  listRemove(key: string, entry: string): Promise<boolean>;
  /** Adds `member` to a sorted set, or moves it to `score` (sets with one score order members lexicographically). */
  sortedAdd(key: string, member: string, score?: number): Promise<void>;
  /** Removes `member`; with `onlyIfScore`, only while its score is still that (single-key compare-and-delete). */
  sortedRemove(key: string, member: string, onlyIfScore?: number): Promise<boolean>;
  /**
   * Members after `after` (exclusive; null: from the start) in byte-wise lexicographic order, at
   * most `limit`. Only for sets whose members all have the same score (ZRANGEBYLEX).
   */
  sortedRangeByLex(key: string, after: string | null, limit: number): Promise<string[]>;
  /** Members by score, lowest first, with their scores: `limit` of them after skipping `offset`. */
  sortedByScore(key: string, offset: number, limit: number): Promise<Array<{ member: string; score: number }>>;
  /** Resolves when the backing store answers; rejects with StoreUnavailableError otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface SetOptions {
  /** Expire the key after this many milliseconds. */
  ttlMs?: number;
  onlyIfAbsent?: boolean;
}

/** The store cannot be reached; surfaced to clients as STORE_UNAVAILABLE. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(message = 'The store is unavailable', options?: ErrorOptions) {
    super(message, options);
  }
}
