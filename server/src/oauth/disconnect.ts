import type { Identity } from '../auth/identity.js';
import { providerModule, type ProviderId } from '../providers/registry.js';
import { type OAuthServices } from './services.js';
import { revokeToken } from '../connections/token-endpoint.js';

/**
 * Revokes the grant at the provider where it has an endpoint, then forgets the connection.
 * A failed revocation is logged, not fatal: the user asked to disconnect, and keeping tokens
 * we were told to drop would be worse.
 */
export async function disconnect(services: OAuthServices, identity: Identity, providerId: ProviderId): Promise<boolean> {
  const key = { ...identity, provider: providerId };
  const connection = await services.stores.connections.get(key).catch(() => null);
  const provider = providerModule(providerId).oauth;
  const endpoints = services.config.providers[providerId];
  if (connection && provider.revocation && endpoints.clientId) {
    const token = provider.revocation.token === 'refresh' ? connection.refreshToken : connection.accessToken;
    if (token) {
      await revokeToken(provider, endpoints, token, { fetch: services.fetch, timeoutMs: services.providerTimeoutMs }).catch(
        (error: unknown) =>
          services.logger.warn(
            { provider: providerId, err: { message: error instanceof Error ? error.message : String(error) } },
            'revocation failed; forgetting the connection anyway',
          ),
      );
    }
  }
  return services.stores.connections.delete(key);
}
