import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityNames } from '../auth/identity.js';
import type { KeyValueStore } from './key-value-store.js';
import { keys } from './keys.js';
import { SealedBox } from './sealed-box.js';
import { newConnection, PROVIDER_A, PROVIDER_B } from './connection-fixtures.contract.js';
import { storesOver, type ConnectionEvent, type ConnectionEventSink, type Stores } from './index.js';

/** A sink that remembers what it was handed; `failOn` makes the hand-over of those event types fail once each. */
function recordingSink(
  failOn: Array<ConnectionEvent['type']> = [],
): ConnectionEventSink & { events: ConnectionEvent[]; attempts: string[] } {
  const failing = new Set(failOn);
  const events: ConnectionEvent[] = [];
  const attempts: string[] = [];
  return {
    events,
    attempts,
    async enqueue(event) {
      attempts.push(event.id);
      if (failing.delete(event.type)) throw new Error('sink unavailable');
      events.push(event);
    },
  };
}
const quiet = { warn: () => undefined, debug: () => undefined };

/**
 * The connections index and the outbox of connection events over any KeyValueStore: what the
 * `connections` list and the webhook relay rely on.
 */
export function defineConnectionListingContract(name: string, create: () => Promise<KeyValueStore>) {
  describe(`Connections index and outbox over ${name}`, () => {
    let kv: KeyValueStore;
    let stores: Stores;
    beforeAll(async () => {
      kv = await create();
      stores = storesOver(kv, new SealedBox(randomBytes(32)));
    });
    afterAll(() => kv.close());

    describe('connections index (listing without SCAN)', () => {
      const inOrg = (orgId: string, userId: string, provider = PROVIDER_B) => newConnection({ orgId, userId, provider });
      const ids = (page: Awaited<ReturnType<Stores['connections']['list']>>) =>
        page.connections.map(({ connection }) => `${connection.userId}/${connection.provider}`);

      it('lists by org, by org and user, by provider, in order, and forgets what was deleted', async () => {
        const org = `org:${randomUUID()}`;
        await stores.connections.put(inOrg(org, 'bob'));
        await stores.connections.put(inOrg(org, 'ada', PROVIDER_A));
        await stores.connections.put(inOrg(org, 'ada'));
        await stores.connections.put(inOrg(`${org}:x`, 'ada')); // another org whose id only extends this one
        expect(ids(await stores.connections.list({ orgId: org }, null, 10))).toEqual([
          `ada/${PROVIDER_A}`,
          `ada/${PROVIDER_B}`,
          `bob/${PROVIDER_B}`,
        ]);
        expect(ids(await stores.connections.list({ orgId: org, userId: 'ada' }, null, 10))).toEqual([
          `ada/${PROVIDER_A}`,
          `ada/${PROVIDER_B}`,
        ]);
        expect(ids(await stores.connections.list({ orgId: org, provider: PROVIDER_B }, null, 10))).toEqual([
          `ada/${PROVIDER_B}`,
          `bob/${PROVIDER_B}`,
        ]);
        expect(await stores.connections.delete({ orgId: org, userId: 'ada', provider: PROVIDER_A })).toBe(true);
        expect(ids(await stores.connections.list({ orgId: org }, null, 10))).toEqual([`ada/${PROVIDER_B}`, `bob/${PROVIDER_B}`]);
        const everyone = await stores.connections.list({ userId: 'bob' }, null, 1_000);
        expect(everyone.connections.some(({ connection }) => connection.orgId === org)).toBe(true);
      });

      it('pages 45 connections 20 at a time, each once, continuing after the last member', async () => {
        const org = `org-${randomUUID()}`;
        for (let i = 0; i < 45; i++) await stores.connections.put(inOrg(org, `user-${String(i).padStart(2, '0')}`));
        const seen: string[] = [];
        const pages: number[] = [];
        let after: string | null = null;
        for (;;) {
          const page = await stores.connections.list({ orgId: org }, after, 20);
          pages.push(page.connections.length);
          seen.push(...ids(page));
          if (!page.hasNextPage) break;
          after = page.connections.at(-1)!.member;
        }
        expect(pages).toEqual([20, 20, 5]);
        expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => `user-${String(i).padStart(2, '0')}/${PROVIDER_B}`));
      });

      it('shows a changed status and skips index entries whose record is gone', async () => {
        const org = `org-${randomUUID()}`;
        const stored = await stores.connections.put(inOrg(org, 'ada'));
        await stores.connections.replace(stored.version, { ...stored, status: 'RECONNECT_REQUIRED' });
        await kv.delete(identityNames.connectionKey(stored, stored.provider)); // a crash after the record went, before the index heard
        await stores.connections.put(inOrg(org, 'bob'));
        const page = await stores.connections.list({ orgId: org }, null, 1);
        expect(ids(page)).toEqual([`bob/${PROVIDER_B}`]);
        expect(page.hasNextPage).toBe(false);
      });
    });

    describe('connection events (transactional outbox and relay)', () => {
      const relayed = async (sink: ConnectionEventSink, over = stores) => {
        const relay = over.outbox.startRelay({ sink, log: quiet, pollMs: 60_000 });
        await relay.drain();
        await relay.stop();
      };
      const of = (events: ConnectionEvent[], orgId: string) => events.filter((event) => event.data.orgId === orgId);

      it('writes created, reconnect_required and deleted with the change, and hands them over in order, without tokens', async () => {
        const connection = newConnection();
        const stored = await stores.connections.put(connection);
        await stores.connections.replace(stored.version, { ...stored, accessToken: 'refreshed' }); // not news
        await stores.connections.replace(stored.version + 1, { ...stored, status: 'RECONNECT_REQUIRED' });
        await stores.connections.delete(connection);
        expect((await stores.outbox.pendingEvents(connection)).map((e) => e.type)).toEqual([
          'connection.created',
          'connection.reconnect_required',
          'connection.deleted',
        ]);
        const sink = recordingSink();
        await relayed(sink);
        const events = of(sink.events, connection.orgId);
        expect(events.map((e) => [e.type, e.data.status])).toEqual([
          ['connection.created', 'CONNECTED'],
          ['connection.reconnect_required', 'RECONNECT_REQUIRED'],
          ['connection.deleted', 'DISCONNECTED'],
        ]);
        expect(events[0]!.data).toEqual({
          provider: connection.provider,
          orgId: connection.orgId,
          userId: connection.userId,
          account: connection.account,
          status: 'CONNECTED',
        });
        expect(new Set(events.map((e) => e.id)).size).toBe(3);
        expect(JSON.stringify(events)).not.toContain(connection.accessToken);
        expect(JSON.stringify(events)).not.toContain(connection.refreshToken);
        expect(await stores.outbox.pendingEvents(connection)).toEqual([]);
      });

      it('an instance that died before relaying loses nothing: another instance hands the events over, once', async () => {
        const connection = newConnection();
        await stores.connections.put(connection); // the writer's relay never runs: it "crashed"
        const written = await stores.outbox.pendingEvents(connection);
        const survivor = storesOver(kv, new SealedBox(randomBytes(32)));
        const sink = recordingSink();
        await relayed(sink, survivor);
        await relayed(sink, survivor); // nothing left for a second pass
        expect(of(sink.events, connection.orgId)).toEqual(written);
      });

      it('a failed hand-over is retried with the same id, and later events of that connection wait for it', async () => {
        const connection = newConnection();
        const stored = await stores.connections.put(connection);
        await stores.connections.replace(stored.version, { ...stored, status: 'RECONNECT_REQUIRED' });
        await stores.connections.delete(connection);
        const written = await stores.outbox.pendingEvents(connection);
        const sink = recordingSink(['connection.reconnect_required']);
        await relayed(sink); // the first pass stops at the failure; the next takes up from there
        expect(of(sink.events, connection.orgId)).toEqual(written);
        const handOvers = sink.attempts.filter((id) => written.some((event) => event.id === id));
        expect(handOvers).toEqual([written[0]!.id, written[1]!.id, written[1]!.id, written[2]!.id]);
      });

      it('the relay repairs an index update lost in a crash after the write', async () => {
        const connection = newConnection();
        await stores.connections.put(connection);
        await stores.connections.put({ ...newConnection(), orgId: connection.orgId, userId: 'other' });
        // The direct index update after the atomic step never happened:
        for (const set of [
          keys.connectionIndex,
          identityNames.connectionIndexByOrg(connection.orgId),
          identityNames.connectionIndexByUser(connection),
        ])
          await kv.sortedRemove(set, identityNames.connectionMember(connection, connection.provider));
        expect((await stores.connections.list({ orgId: connection.orgId }, null, 10)).connections).toHaveLength(1);
        await relayed(recordingSink());
        const page = await stores.connections.list({ orgId: connection.orgId }, null, 10);
        expect(page.connections.map(({ connection: c }) => c.userId)).toEqual(['other', connection.userId].sort());
      });

      it('one relay at a time across instances: two relaying at once hand each event over once', async () => {
        const connections = Array.from({ length: 10 }, () => newConnection());
        for (const connection of connections) await stores.connections.put(connection);
        const sink = recordingSink();
        const other = storesOver(kv, new SealedBox(randomBytes(32)));
        await Promise.all([relayed(sink), relayed(sink, other)]);
        // Whichever did not get the lease retries shortly after; by then the work is done.
        await new Promise((resolve) => setTimeout(resolve, 300));
        await relayed(sink);
        const mine = sink.events.filter((event) => connections.some((c) => c.orgId === event.data.orgId));
        expect(mine).toHaveLength(10);
        expect(new Set(mine.map((event) => event.id)).size).toBe(10);
      });
    });
  });
}
