import { randomBytes } from 'node:crypto';
import type { KeyValueStore } from './key-value-store.js';
import { keys } from './keys.js';

export interface HeldLock {
  readonly name: string;
  readonly token: string;
  release(): Promise<boolean>;
}

/**
 * A lease with a random owner token. Only the owner can release it (compare-and-delete), and
 * the TTL frees it if the owner dies. Callers must keep their work shorter than the TTL.
 */
export class LockManager {
  constructor(private readonly kv: KeyValueStore) {}

  async tryAcquire(name: string, ttlMs: number): Promise<HeldLock | null> {
    const token = randomBytes(16).toString('base64url');
    const key = keys.lock(name);
    if (!(await this.kv.set(key, token, { ttlMs, onlyIfAbsent: true }))) return null;
    return { name, token, release: () => this.kv.compareAndDelete(key, token) };
  }
}
