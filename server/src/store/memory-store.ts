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
  /** No Redis: the limiters and the webhook queue keep their data in this process too. */
  readonly redis = null;
  readonly #entries = new Map<string, Entry>();
  readonly #lists = new Map<string, string[]>();
  readonly #sorted = new Map<string, Map<string, number>>();
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
    const lists = this.#lists.delete(key);
    const sorted = this.#sorted.delete(key);
    return this.#entries.delete(key) || lists || sorted;
  }

  async compareAndSwapAppend(key: string, expected: string | null, next: string | null, append: { listKey: string; entry: string }) {
    if ((this.#live(key)?.value ?? null) !== expected) return false;
    if (next === null) this.#entries.delete(key);
    else this.#write(key, next);
    this.#lists.set(append.listKey, [...(this.#lists.get(append.listKey) ?? []), append.entry]);
    return true;
  }

  async listHead(key: string, limit: number) {
    return (this.#lists.get(key) ?? []).slice(0, limit);
  }

  async listRemove(key: string, entry: string) {
    const list = this.#lists.get(key) ?? [];
    const at = list.indexOf(entry);
    if (at < 0) return false;
    list.splice(at, 1);
    if (!list.length) this.#lists.delete(key);
    return true;
  }

  async sortedAdd(key: string, member: string, score = 0) {
    const set = this.#sorted.get(key) ?? new Map<string, number>();
    set.set(member, score);
    this.#sorted.set(key, set);
  }

  async sortedRemove(key: string, member: string, onlyIfScore?: number) {
    const set = this.#sorted.get(key);
    if (!set?.has(member) || (onlyIfScore !== undefined && set.get(member) !== onlyIfScore)) return false;
    set.delete(member);
    if (!set.size) this.#sorted.delete(key);
    return true;
  }

  async sortedRangeByLex(key: string, after: string | null, limit: number) {
    // Byte-wise, as Redis compares: JavaScript's < compares UTF-16 code units, which orders some characters differently.
    const members = [...(this.#sorted.get(key)?.keys() ?? [])].sort(byBytes);
    return members.filter((member) => after === null || byBytes(member, after) > 0).slice(0, limit);
  }

  async sortedByScore(key: string, offset: number, limit: number) {
    const entries = [...(this.#sorted.get(key) ?? [])].map(([member, score]) => ({ member, score }));
    return entries.sort((a, b) => a.score - b.score || byBytes(a.member, b.member)).slice(offset, offset + limit);
  }

  async ping() {
    // Always reachable: it lives in this process.
  }

  async close() {
    clearInterval(this.#sweeper);
    this.#entries.clear();
    this.#lists.clear();
    this.#sorted.clear();
  }
}

const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
