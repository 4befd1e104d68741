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

    describe('the outbox step (compareAndSwapAppend)', () => {
      // The record and its list share a hash tag, as a connection and its outbox do.
      const pair = () => {
        const tag = `{${key()}}`;
        return { record: tag, list: `${tag}:outbox` };
      };

      it('creates an absent record and appends the entry, both in one step', async () => {
        const { record, list } = pair();
        expect(await store.compareAndSwapAppend(record, null, 'v1', { listKey: list, entry: 'created' })).toBe(true);
        expect(await store.get(record)).toBe('v1');
        expect(await store.listHead(list, 10)).toEqual(['created']);
      });

      it('changes nothing, not even the list, when the record is not what was expected', async () => {
        const { record, list } = pair();
        await store.set(record, 'v1');
        expect(await store.compareAndSwapAppend(record, null, 'v2', { listKey: list, entry: 'lost' })).toBe(false);
        expect(await store.compareAndSwapAppend(record, 'stale', 'v2', { listKey: list, entry: 'lost' })).toBe(false);
        expect(await store.get(record)).toBe('v1');
        expect(await store.listHead(list, 10)).toEqual([]);
      });

      it('replaces or deletes over the expected value and keeps the entries in order', async () => {
        const { record, list } = pair();
        await store.compareAndSwapAppend(record, null, 'v1', { listKey: list, entry: 'e1' });
        expect(await store.compareAndSwapAppend(record, 'v1', 'v2', { listKey: list, entry: 'e2' })).toBe(true);
        expect(await store.compareAndSwapAppend(record, 'v2', null, { listKey: list, entry: 'e3' })).toBe(true);
        expect(await store.get(record)).toBeNull();
        expect(await store.listHead(list, 10)).toEqual(['e1', 'e2', 'e3']);
        expect(await store.listHead(list, 2)).toEqual(['e1', 'e2']);
      });

      it('lets exactly one of many concurrent creators win, with exactly one entry', async () => {
        const { record, list } = pair();
        const wins = await Promise.all(
          Array.from({ length: 30 }, (_, i) => store.compareAndSwapAppend(record, null, `w${i}`, { listKey: list, entry: `e${i}` })),
        );
        expect(wins.filter(Boolean)).toHaveLength(1);
        expect(await store.listHead(list, 100)).toHaveLength(1);
      });

      it('listRemove removes one matching entry and reports whether it found one', async () => {
        const { record, list } = pair();
        await store.compareAndSwapAppend(record, null, 'v', { listKey: list, entry: 'a' });
        await store.compareAndSwapAppend(record, 'v', 'w', { listKey: list, entry: 'b' });
        expect(await store.listRemove(list, 'a')).toBe(true);
        expect(await store.listRemove(list, 'a')).toBe(false);
        expect(await store.listHead(list, 10)).toEqual(['b']);
        expect(await store.listHead(key(), 10)).toEqual([]);
      });
    });

    describe('sorted sets', () => {
      it('page lexicographically (byte-wise) after an exclusive member, without duplicates', async () => {
        const k = key();
        const members = ['b', 'a%3Ab', 'a', 'a:b', 'c', 'B', '%7B', 'a'];
        for (const member of members) await store.sortedAdd(k, member);
        const all = ['%7B', 'B', 'a', 'a%3Ab', 'a:b', 'b', 'c'];
        expect(await store.sortedRangeByLex(k, null, 100)).toEqual(all);
        expect(await store.sortedRangeByLex(k, null, 3)).toEqual(all.slice(0, 3));
        expect(await store.sortedRangeByLex(k, 'a', 3)).toEqual(['a%3Ab', 'a:b', 'b']);
        expect(await store.sortedRangeByLex(k, 'a0', 100)).toEqual(['a:b', 'b', 'c']);
        expect(await store.sortedRangeByLex(k, 'c', 100)).toEqual([]);
        expect(await store.sortedRangeByLex(key(), null, 100)).toEqual([]);
      });

      it('remove members, and with onlyIfScore only while the score is unchanged', async () => {
        const k = key();
        await store.sortedAdd(k, 'm', 5);
        expect(await store.sortedRemove(k, 'm', 4)).toBe(false);
        await store.sortedAdd(k, 'm', 7);
        expect(await store.sortedRemove(k, 'm', 5)).toBe(false);
        expect(await store.sortedRemove(k, 'm', 7)).toBe(true);
        expect(await store.sortedRemove(k, 'm')).toBe(false);
        await store.sortedAdd(k, 'n');
        expect(await store.sortedRemove(k, 'n')).toBe(true);
        expect(await store.sortedRangeByLex(k, null, 10)).toEqual([]);
      });

      it('list members by score, lowest first, with their scores, a window at a time', async () => {
        const k = key();
        await store.sortedAdd(k, 'late', 1_764_600_000_300);
        await store.sortedAdd(k, 'early', 1_764_600_000_100);
        await store.sortedAdd(k, 'middle', 1_764_600_000_200);
        expect(await store.sortedByScore(k, 0, 2)).toEqual([
          { member: 'early', score: 1_764_600_000_100 },
          { member: 'middle', score: 1_764_600_000_200 },
        ]);
        expect(await store.sortedByScore(k, 2, 2)).toEqual([{ member: 'late', score: 1_764_600_000_300 }]);
        expect(await store.sortedByScore(k, 0, 0)).toEqual([]);
      });
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
