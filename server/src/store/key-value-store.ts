/**
 * The few atomic primitives the server needs from storage. Every operation touches one key, so
 * the same code runs on one Redis, a Redis Cluster or in memory; higher-level stores (attempts,
 * connections, locks) are written once on top of this.
 */
export interface KeyValueStore {
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
