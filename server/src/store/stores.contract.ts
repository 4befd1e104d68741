import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attempt } from './attempts.js';
import type { KeyValueStore } from './key-value-store.js';
import { identityNames } from '../auth/identity.js';
import { keys } from './keys.js';
import { SealedBox } from './sealed-box.js';
import { newConnection, PROVIDER_A } from './connection-fixtures.contract.js';
import { storesOver, type Stores } from './index.js';

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

/** Attempts, connections and locks over any KeyValueStore: the semantics the OAuth flow relies on. */
export function defineStoresContract(name: string, create: () => Promise<KeyValueStore>) {
  describe(`Stores over ${name}`, () => {
    let kv: KeyValueStore;
    let box: SealedBox;
    let stores: Stores;
    beforeAll(async () => {
      kv = await create();
      box = new SealedBox(randomBytes(32));
      stores = storesOver(kv, box);
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

    // A reader keeps the records it opened (opening is a decryption); the store must still answer
    // what is stored now. `stores` reads before and after every change; `elsewhere` is another
    // server instance over the same store, so nothing it writes passes through the reader.
    describe('connections changed by another instance are read as stored, on the very next read', () => {
      let elsewhere: Stores;
      beforeAll(() => {
        elsewhere = storesOver(kv, box);
      });
      const openedThenChanged = async () => {
        const connection = await elsewhere.connections.put(newConnection());
        expect((await stores.connections.get(connection))?.accessToken).toBe(connection.accessToken);
        return connection;
      };

      it('a token refreshed elsewhere', async () => {
        const connection = await openedThenChanged();
        await elsewhere.connections.replace(connection.version, { ...connection, accessToken: 'refreshed-elsewhere' });
        expect(await stores.connections.get(connection)).toMatchObject({ accessToken: 'refreshed-elsewhere', version: 2 });
      });

      it('a connection marked RECONNECT_REQUIRED elsewhere', async () => {
        const connection = await openedThenChanged();
        await elsewhere.connections.replace(connection.version, { ...connection, status: 'RECONNECT_REQUIRED' });
        expect((await stores.connections.get(connection))?.status).toBe('RECONNECT_REQUIRED');
      });

      it('a disconnect elsewhere', async () => {
        const connection = await openedThenChanged();
        await elsewhere.connections.delete(connection);
        expect(await stores.connections.get(connection)).toBeNull();
      });

      it('a reconnect elsewhere (a new consent, maybe of another account)', async () => {
        const connection = await openedThenChanged();
        await elsewhere.connections.put({ ...connection, account: { id: 'other-account', name: null }, accessToken: 'second-consent' });
        expect(await stores.connections.get(connection)).toMatchObject({ account: { id: 'other-account' }, accessToken: 'second-consent' });
      });

      it('a record copied under another tenant after the reader opened it still does not open there', async () => {
        const victim = await openedThenChanged();
        const raw = await kv.get(identityNames.connectionKey(victim, victim.provider));
        const attacker = { ...victim, orgId: `attacker-${randomUUID()}` };
        await kv.set(identityNames.connectionKey(attacker, attacker.provider), raw!);
        await expect(stores.connections.get(attacker)).rejects.toThrow();
      });

      it('a record read twice cannot be changed in place by one reader for the next', async () => {
        const connection = await openedThenChanged();
        const read = (await stores.connections.get(connection))!;
        expect(() => Object.assign(read, { accessToken: 'changed-in-memory' })).toThrow(TypeError);
        expect(() => read.metadata && Object.assign(read.metadata, { extra: 'x' })).toThrow(TypeError);
        expect((await stores.connections.get(connection))?.accessToken).toBe(connection.accessToken);
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
