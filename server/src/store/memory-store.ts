import type { KeyValueStore, SetOptions } from './key-value-store.js';

interface Entry {
  value: string;
  expiresAt: number;
}

/**
 * The zero-setup store of `npm start`: same semantics as Redis (expiry, atomic take and
 * compare-and-set), but lives in one process and forgets everything on exit.
 * Atomicity is free here: each method completes synchronously before it yields.
 */
export class MemoryStore implements KeyValueStore {
  readonly #entries = new Map<string, Entry>();
  readonly #sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    // Expired keys are also dropped on read; the sweep only bounds memory for keys never read again.
    this.#sweeper = setInterval(() => this.#sweep(), 30_000);
    this.#sweeper.unref();
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  #sweep() {
    const now = this.now();
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
  }

  #write(key: string, value: string, ttlMs?: number) {
    this.#entries.set(key, { value, expiresAt: ttlMs === undefined ? Infinity : this.now() + ttlMs });
  }

  async get(key: string) {
    return this.#live(key)?.value ?? null;
  }

  async set(key: string, value: string, options: SetOptions = {}) {
    if (options.onlyIfAbsent && this.#live(key)) return false;
    this.#write(key, value, options.ttlMs);
    return true;
  }

  async take(key: string) {
    const entry = this.#live(key);
    if (!entry) return null;
    this.#entries.delete(key);
    return entry.value;
  }

  async compareAndSet(key: string, expected: string, next: string, options: { ttlMs?: number } = {}) {
    if (this.#live(key)?.value !== expected) return false;
    this.#write(key, next, options.ttlMs);
    return true;
  }

  async compareAndDelete(key: string, expected: string) {
    if (this.#live(key)?.value !== expected) return false;
    this.#entries.delete(key);
    return true;
  }

  async delete(key: string) {
    return this.#entries.delete(key);
  }

  async ping() {
    // Always reachable: it lives in this process.
  }

  async close() {
    clearInterval(this.#sweeper);
    this.#entries.clear();
  }
}
