import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attempt } from './attempts.js';
import type { StoredConnection } from './connections.js';
import type { KeyValueStore } from './key-value-store.js';
import { identityNames } from '../auth/identity.js';
import { keys } from './keys.js';
import { SealedBox } from './sealed-box.js';
import { storesOver, type ConnectionEvent, type ConnectionEventSink, type Stores } from './index.js';

// The store takes any provider id; these stand for two different ones.
const PROVIDER_A = 'provider-a';
const PROVIDER_B = 'provider-b';

const newAttempt = (overrides: Partial<Attempt> = {}): Attempt => ({
  link: false,
  id: randomBytes(16).toString('base64url'),
  state: randomBytes(32).toString('base64url'),
  provider: PROVIDER_A,
  orgId: 'org-1',
  userId: 'user-1',
  origin: 'http://localhost:3000',
  codeVerifier: 'verifier-secret-value',
  createdAt: Date.now(),
  expiresAt: Date.now() + 60_000,
  ...overrides,
});

const newConnection = (overrides: Partial<StoredConnection> = {}): Omit<StoredConnection, 'version'> => ({
  provider: PROVIDER_B,
  orgId: `org-${randomUUID()}`,
  userId: 'user-1',
  status: 'CONNECTED',
  account: { id: 'usrABC', name: 'Ada' },
  scopes: ['schema.bases:read'],
  accessToken: `plaintext-access-${randomUUID()}`,
  refreshToken: `plaintext-refresh-${randomUUID()}`,
  accessTokenExpiresAt: Date.now() + 3_600_000,
  connectedAt: Date.now(),
  metadata: {},
  ...overrides,
});

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

/** Attempts, connections and locks over any KeyValueStore: the semantics the OAuth flow relies on. */
export function defineStoresContract(name: string, create: () => Promise<KeyValueStore>) {
  describe(`Stores over ${name}`, () => {
    let kv: KeyValueStore;
    let stores: Stores;
    beforeAll(async () => {
      kv = await create();
      stores = storesOver(kv, new SealedBox(randomBytes(32)));
    });
    afterAll(() => kv.close());

    describe('attempts', () => {
      it('are consumed once: of 100 parallel consumers of one state exactly one wins', async () => {
        const attempt = newAttempt();
        await stores.attempts.create(attempt);
        const results = await Promise.all(Array.from({ length: 100 }, () => stores.attempts.consume(attempt.state)));
        const winners = results.filter((r) => r !== null);
        expect(winners).toHaveLength(1);
        expect(winners[0]).toEqual(attempt);
      });

      it('are gone after their TTL', async () => {
        const attempt = newAttempt({ expiresAt: Date.now() + 100 });
        await stores.attempts.create(attempt);
        await new Promise((r) => setTimeout(r, 200));
        expect(await stores.attempts.consume(attempt.state)).toBeNull();
      });

      it('are unknown for a state that was never issued', async () => {
        expect(await stores.attempts.consume(randomBytes(32).toString('base64url'))).toBeNull();
      });

      it('keep the PKCE verifier sealed at rest', async () => {
        const attempt = newAttempt();
        await stores.attempts.create(attempt);
        const raw = await kv.get(keys.attemptByState(attempt.state));
        expect(raw).toBeTruthy();
        expect(raw).not.toContain(attempt.codeVerifier);
      });

      it('record an outcome readable by attempt id, PENDING first and EXPIRED once the deadline passed', async () => {
        const attempt = newAttempt({ expiresAt: Date.now() + 150 });
        await stores.attempts.create(attempt);
        expect((await stores.attempts.readOutcome(attempt.id))?.status).toBe('PENDING');
        await new Promise((r) => setTimeout(r, 250));
        expect((await stores.attempts.readOutcome(attempt.id))?.status).toBe('EXPIRED');
        await stores.attempts.recordOutcome({
          id: attempt.id,
          provider: PROVIDER_A,
          status: 'FAILED',
          errorCode: 'PROVIDER_ERROR',
          expiresAt: attempt.expiresAt,
          orgId: attempt.orgId,
          userId: attempt.userId,
        });
        expect(await stores.attempts.readOutcome(attempt.id)).toMatchObject({ status: 'FAILED', errorCode: 'PROVIDER_ERROR' });
      });
    });

    describe('connections', () => {
      it('are stored sealed: the raw value holds no token', async () => {
        const connection = newConnection();
        await stores.connections.put(connection);
        const raw = await kv.get(identityNames.connectionKey(connection, connection.provider));
        expect(raw).not.toContain(connection.accessToken);
        expect(raw).not.toContain(connection.refreshToken);
        expect(await stores.connections.get(connection)).toMatchObject({ accessToken: connection.accessToken, version: 1 });
      });

      it('are kept per org + user + provider, and survive reads', async () => {
        const connection = newConnection();
        await stores.connections.put(connection);
        await stores.connections.get(connection);
        expect(await stores.connections.get(connection)).not.toBeNull();
        expect(await stores.connections.get({ ...connection, userId: 'user-2' })).toBeNull();
        expect(await stores.connections.get({ ...connection, provider: PROVIDER_A })).toBeNull();
      });

      it('cannot be moved to another tenant: a sealed record under another key does not open', async () => {
        const victim = newConnection();
        await stores.connections.put(victim);
        const raw = await kv.get(identityNames.connectionKey(victim, victim.provider));
        const attacker = { ...victim, orgId: `attacker-${randomUUID()}` };
        await kv.set(identityNames.connectionKey(attacker, attacker.provider), raw!);
        await expect(stores.connections.get(attacker)).rejects.toThrow();
      });

      it('replace is compare-and-set on the version: a stale writer never overwrites a newer token', async () => {
        const connection = await stores.connections.put(newConnection());
        const fresh = await stores.connections.replace(connection.version, { ...connection, accessToken: 'newer' });
        expect(fresh?.version).toBe(connection.version + 1);
        const stale = await stores.connections.replace(connection.version, { ...connection, accessToken: 'stale' });
        expect(stale).toBeNull();
        expect((await stores.connections.get(connection))?.accessToken).toBe('newer');
      });

      it('of 20 concurrent replacers of one version exactly one wins', async () => {
        const connection = await stores.connections.put(newConnection());
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => stores.connections.replace(connection.version, { ...connection, accessToken: `t${i}` })),
        );
        expect(results.filter((r) => r !== null)).toHaveLength(1);
      });

      it('reconnecting replaces the connection instead of duplicating it', async () => {
        const first = await stores.connections.put(newConnection());
        const second = await stores.connections.put({ ...first, accessToken: 'second-consent' });
        expect(second.version).toBe(first.version + 1);
        expect((await stores.connections.get(first))?.accessToken).toBe('second-consent');
      });

      it('are deleted on disconnect', async () => {
        const connection = newConnection();
        await stores.connections.put(connection);
        expect(await stores.connections.delete(connection)).toBe(true);
        expect(await stores.connections.get(connection)).toBeNull();
        expect(await stores.connections.delete(connection)).toBe(false);
      });
    });

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
          'ada/provider-a',
          'ada/provider-b',
          'bob/provider-b',
        ]);
        expect(ids(await stores.connections.list({ orgId: org, userId: 'ada' }, null, 10))).toEqual(['ada/provider-a', 'ada/provider-b']);
        expect(ids(await stores.connections.list({ orgId: org, provider: PROVIDER_B }, null, 10))).toEqual([
          'ada/provider-b',
          'bob/provider-b',
        ]);
        expect(await stores.connections.delete({ orgId: org, userId: 'ada', provider: PROVIDER_A })).toBe(true);
        expect(ids(await stores.connections.list({ orgId: org }, null, 10))).toEqual(['ada/provider-b', 'bob/provider-b']);
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
        expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => `user-${String(i).padStart(2, '0')}/provider-b`));
      });

      it('shows a changed status and skips index entries whose record is gone', async () => {
        const org = `org-${randomUUID()}`;
        const stored = await stores.connections.put(inOrg(org, 'ada'));
        await stores.connections.replace(stored.version, { ...stored, status: 'RECONNECT_REQUIRED' });
        await kv.delete(identityNames.connectionKey(stored, stored.provider)); // a crash after the record went, before the index heard
        await stores.connections.put(inOrg(org, 'bob'));
        const page = await stores.connections.list({ orgId: org }, null, 1);
        expect(ids(page)).toEqual(['bob/provider-b']);
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

    describe('locks', () => {
      it('are held by one owner at a time and released only by that owner', async () => {
        const name = `refresh:${randomUUID()}`;
        const held = await Promise.all(Array.from({ length: 30 }, () => stores.locks.tryAcquire(name, 5_000)));
        const owners = held.filter((lock) => lock !== null);
        expect(owners).toHaveLength(1);
        const owner = owners[0]!;
        const impostor = { ...owner, token: 'guess' };
        expect(await kv.compareAndDelete(keys.lock(name), impostor.token)).toBe(false);
        expect(await owner.release()).toBe(true);
        expect(await owner.release()).toBe(false);
        expect(await stores.locks.tryAcquire(name, 5_000)).not.toBeNull();
      });

      it('free themselves after their TTL when the owner dies', async () => {
        const name = `refresh:${randomUUID()}`;
        expect(await stores.locks.tryAcquire(name, 100)).not.toBeNull();
        expect(await stores.locks.tryAcquire(name, 100)).toBeNull();
        await new Promise((r) => setTimeout(r, 200));
        expect(await stores.locks.tryAcquire(name, 100)).not.toBeNull();
      });
    });
  });
}
