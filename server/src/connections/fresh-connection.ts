import { identityNames, type Identity } from '../auth/identity.js';
import { logEvent } from '../logging/events.js';
import type { ProviderAccount, TokenSet } from '../providers/oauth-provider.js';
import type { ProviderId } from '../providers/registry.js';
import type { ConnectionKey, StoredConnection } from '../store/index.js';
import { configuredProvider, type ConnectionServices } from './services.js';
import { InvalidGrantError, refreshTokens, revokeToken } from './token-endpoint.js';

/** Refresh this long before the provider's expiry, so a token never dies mid-request. */
const REFRESH_MARGIN_MS = 60_000;
/** Longer than the token call's timeout, so the lock never lapses while its owner still works. */
const lockTtl = (services: ConnectionServices) => services.providerTimeoutMs * 3;
const WAIT_FOR_OTHER_MS = 25;

export class NotConnectedError extends Error {
  override readonly name = 'NotConnectedError';
}
export class ReconnectRequiredError extends Error {
  override readonly name = 'ReconnectRequiredError';
}

const keyOf = (identity: Identity, provider: ProviderId): ConnectionKey => ({ ...identity, provider });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A refreshed grant must reach the account the user connected: same id, no changed fact. */
const sameAccount = (stored: StoredConnection, fresh: ProviderAccount) =>
  stored.account.id === fresh.id &&
  Object.entries(fresh.metadata).every(([name, value]) => stored.metadata[name] === undefined || stored.metadata[name] === value);

/**
 * Hands out a connection with a usable access token, refreshing it when it is near expiry or a
 * provider call answered 401. Concurrent callers share one refresh: in-process through a promise
 * map, across processes through a Redis lease (random owner token, compare-and-delete release,
 * TTL > token timeout) and a versioned compare-and-set write, so a stale writer can never
 * overwrite a newer token.
 *
 * Crash safety: providers that rotate refresh tokens invalidate the old refresh token the moment
 * they answer. The new pair is written before the lease is released; a process that dies between
 * the provider's answer and that write loses the pair, and the connection needs a reconnect. That
 * window is one local Redis write. A crash before the call or after the write loses nothing.
 */
export class FreshConnections {
  readonly #inFlight = new Map<string, Promise<StoredConnection>>();

  constructor(private readonly services: ConnectionServices) {}

  async get(identity: Identity, provider: ProviderId): Promise<StoredConnection> {
    const key = keyOf(identity, provider);
    const connection = await this.#read(key);
    const expiresAt = connection.accessTokenExpiresAt;
    const nearExpiry = expiresAt !== null && expiresAt - this.services.now() < REFRESH_MARGIN_MS;
    if (nearExpiry || connection.accountUnverified) return this.#refreshOnce(key, connection.version);
    return connection;
  }

  /** After a 401 with `seen`: refresh unless someone already replaced that token. */
  async afterUnauthorized(seen: StoredConnection): Promise<StoredConnection> {
    return this.#refreshOnce(keyOf(seen, seen.provider), seen.version);
  }

  async #read(key: ConnectionKey): Promise<StoredConnection> {
    const connection = await this.services.stores.connections.get(key);
    if (!connection) throw new NotConnectedError('Not connected');
    if (connection.status === 'RECONNECT_REQUIRED') throw new ReconnectRequiredError('Reconnect required');
    return connection;
  }

  #refreshOnce(key: ConnectionKey, staleVersion: number): Promise<StoredConnection> {
    const name = identityNames.refreshInFlight(key, key.provider);
    let pending = this.#inFlight.get(name);
    if (!pending) {
      pending = this.#refreshAcrossProcesses(key, staleVersion).finally(() => this.#inFlight.delete(name));
      this.#inFlight.set(name, pending);
    }
    return pending;
  }

  async #refreshAcrossProcesses(key: ConnectionKey, staleVersion: number): Promise<StoredConnection> {
    const deadline = this.services.now() + lockTtl(this.services) + this.services.providerTimeoutMs;
    while (this.services.now() < deadline) {
      const current = await this.#read(key);
      if (current.version !== staleVersion) return current; // someone else already refreshed
      const lease = await this.services.stores.locks.tryAcquire(identityNames.refreshLease(key, key.provider), lockTtl(this.services));
      if (!lease) {
        await sleep(WAIT_FOR_OTHER_MS);
        continue;
      }
      try {
        return await this.#refresh(key, staleVersion);
      } finally {
        await lease.release();
      }
    }
    throw new Error('Timed out waiting for another process to refresh the token');
  }

  async #refresh(key: ConnectionKey, staleVersion: number): Promise<StoredConnection> {
    const current = await this.#read(key);
    if (current.version !== staleVersion) return current; // refreshed between our read and the lease
    if (!current.refreshToken) return this.#markReconnectRequired(current);

    const { provider, endpoints } = configuredProvider(this.services.config, key.provider);
    const call = { fetch: this.services.fetch, timeoutMs: this.services.providerTimeoutMs };
    try {
      const tokens = await refreshTokens(provider, endpoints, current.refreshToken, call);
      const next = {
        ...current,
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken ?? current.refreshToken,
        accessTokenExpiresAt: tokens.expiresIn === null ? null : this.services.now() + tokens.expiresIn * 1000,
        scopes: tokens.scopes.length > 0 ? tokens.scopes : current.scopes,
        accountUnverified: undefined,
      };
      let account: ProviderAccount;
      try {
        account = await provider.fetchAccount(tokens, { endpoints, ...call, limiter: this.services.providerCalls });
      } catch (error) {
        await this.services.stores.connections.replace(current.version, { ...next, accountUnverified: true });
        throw error;
      }
      if (!sameAccount(current, account)) return await this.#refusedForeignAccount(current, tokens);
      const stored = await this.services.stores.connections.replace(current.version, next);
      if (stored) logEvent(this.services.logger, { event: 'connection.refreshed', provider: key.provider, who: key });
      return stored ?? (await this.#read(key));
    } catch (error) {
      if (!(error instanceof InvalidGrantError)) throw error;
      // A rotated token that someone else already used is success, not failure.
      const latest = await this.services.stores.connections.get(key);
      if (latest && latest.refreshToken !== current.refreshToken && latest.status === 'CONNECTED') return latest;
      return this.#markReconnectRequired(current);
    }
  }

  /**
   * The provider answered the refresh with a grant of another account (a mix-up at the provider,
   * or a refresh token that is not this connection's): nothing of it is stored, it is revoked
   * where the provider can, and the user must connect again.
   */
  async #refusedForeignAccount(current: StoredConnection, tokens: TokenSet): Promise<never> {
    const providerId = current.provider;
    const { provider, endpoints } = configuredProvider(this.services.config, providerId);
    this.services.logger.warn(
      { provider: providerId },
      'a refreshed token reached another provider account; the connection needs a reconnect',
    );
    const token = provider.revocation?.token === 'refresh' ? tokens.refreshToken : tokens.accessToken;
    if (provider.revocation && token) {
      await revokeToken(provider, endpoints, token, { fetch: this.services.fetch, timeoutMs: this.services.providerTimeoutMs }).catch(
        () => undefined,
      );
    }
    return this.#markReconnectRequired(current, 'The refreshed grant reaches another provider account');
  }

  async #markReconnectRequired(current: StoredConnection, reason = 'The provider rejected the stored grant'): Promise<never> {
    await this.services.stores.connections.replace(current.version, { ...current, status: 'RECONNECT_REQUIRED' });
    logEvent(this.services.logger, {
      event: 'connection.reconnect_required',
      provider: current.provider,
      who: { orgId: current.orgId, userId: current.userId },
      reason,
    });
    throw new ReconnectRequiredError(reason);
  }
}
