import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { KeyValueStore } from './key-value-store.js';

/**
 * The behaviour every KeyValueStore must have. Each implementation runs this same suite
 * (memory and real Redis today, Redis Cluster later), so they cannot drift apart.
 */
export function defineKeyValueStoreContract(name: string, create: () => Promise<KeyValueStore>) {
  describe(`KeyValueStore contract: ${name}`, () => {
    let store: KeyValueStore;
    let n = 0;
    const key = () => `contract:${name}:${process.pid}:${Date.now()}:${n++}`;
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

    beforeEach(async () => {
      store ??= await create();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('reads back what it wrote, and null for unknown keys', async () => {
      const k = key();
      expect(await store.get(k)).toBeNull();
      expect(await store.set(k, 'v1')).toBe(true);
      expect(await store.get(k)).toBe('v1');
      expect(await store.set(k, 'v2')).toBe(true);
      expect(await store.get(k)).toBe('v2');
    });

    it('does not overwrite with onlyIfAbsent', async () => {
      const k = key();
      expect(await store.set(k, 'first', { onlyIfAbsent: true })).toBe(true);
      expect(await store.set(k, 'second', { onlyIfAbsent: true })).toBe(false);
      expect(await store.get(k)).toBe('first');
    });

    it('expires keys after their TTL, also for take and compare operations', async () => {
      const a = key();
      const b = key();
      await store.set(a, 'x', { ttlMs: 80 });
      await store.set(b, 'y', { ttlMs: 80 });
      expect(await store.get(a)).toBe('x');
      await sleep(160);
      expect(await store.get(a)).toBeNull();
      expect(await store.take(b)).toBeNull();
      expect(await store.compareAndSet(b, 'y', 'z')).toBe(false);
      expect(await store.set(a, 'again', { onlyIfAbsent: true })).toBe(true);
    });

    it('take returns the value once and deletes it', async () => {
      const k = key();
      await store.set(k, 'once');
      expect(await store.take(k)).toBe('once');
      expect(await store.take(k)).toBeNull();
      expect(await store.get(k)).toBeNull();
    });

    it('gives a value to exactly one of 100 concurrent takers', async () => {
      const k = key();
      await store.set(k, 'prize', { ttlMs: 10_000 });
      const results = await Promise.all(Array.from({ length: 100 }, () => store.take(k)));
      expect(results.filter((r) => r === 'prize')).toHaveLength(1);
      expect(results.filter((r) => r === null)).toHaveLength(99);
    });

    it('compareAndSet writes only over the expected value, and can set a TTL', async () => {
      const k = key();
      await store.set(k, 'v1');
      expect(await store.compareAndSet(k, 'stale', 'v2')).toBe(false);
      expect(await store.get(k)).toBe('v1');
      expect(await store.compareAndSet(k, 'v1', 'v2', { ttlMs: 80 })).toBe(true);
      expect(await store.get(k)).toBe('v2');
      await sleep(160);
      expect(await store.get(k)).toBeNull();
      expect(await store.compareAndSet(k, 'v2', 'v3')).toBe(false);
    });

    it('lets exactly one of many concurrent compareAndSet calls on the same value win', async () => {
      const k = key();
      await store.set(k, 'base');
      const wins = await Promise.all(Array.from({ length: 50 }, (_, i) => store.compareAndSet(k, 'base', `w${i}`)));
      expect(wins.filter(Boolean)).toHaveLength(1);
    });

    it('compareAndDelete deletes only the expected value', async () => {
      const k = key();
      await store.set(k, 'mine');
      expect(await store.compareAndDelete(k, 'theirs')).toBe(false);
      expect(await store.get(k)).toBe('mine');
      expect(await store.compareAndDelete(k, 'mine')).toBe(true);
      expect(await store.get(k)).toBeNull();
    });

    it('delete reports whether a key existed', async () => {
      const k = key();
      expect(await store.delete(k)).toBe(false);
      await store.set(k, 'v');
      expect(await store.delete(k)).toBe(true);
      expect(await store.get(k)).toBeNull();
    });

    it('answers ping while reachable', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('keeps values byte-exact (unicode, JSON, empty string)', async () => {
      const k = key();
      const value = JSON.stringify({ emoji: '🥬', quote: '"', nul: '\u0000x', empty: '' });
      await store.set(k, value);
      expect(await store.get(k)).toBe(value);
      await store.set(k, '');
      expect(await store.get(k)).toBe('');
    });
  });
}
