import type { Config, ProviderEndpoints, ProviderId } from '../config/env.js';
import type { RollingLimiter } from '../load/rolling-limiter.js';
import type { Logger } from '../logging/logger.js';
import { oauthProviders } from '../providers/registry.js';
import { hasClientCredentials } from '../providers/settings.js';
import type { OAuthProvider } from '../providers/types.js';
import type { Stores } from '../store/index.js';

/** The edges the OAuth flow talks through; tests swap `fetch` or the clock. */
export interface OAuthServices {
  config: Config;
  stores: Stores;
  logger: Logger;
  fetch: typeof fetch;
  now: () => number;
  /** Per provider call; the refresh lock lives longer than this. */
  providerTimeoutMs: number;
  /** The provider-call limiter loads use, for account lookups the provider counts as API calls. */
  limiter?: RollingLimiter;
}

export const ATTEMPT_TTL_MS = 10 * 60 * 1000;

export class ProviderNotConfiguredError extends Error {
  override readonly name = 'ProviderNotConfiguredError';
}

export function callbackUrl(config: Config, provider: ProviderId): string {
  return `${config.publicUrl}/integrations/${provider}/oauth2callback`;
}

/** A provider module and its configured endpoints, or an error when it has no credentials. */
export function configuredProvider(config: Config, id: ProviderId): { provider: OAuthProvider; endpoints: ProviderEndpoints } {
  const endpoints = config.providers[id];
  if (!hasClientCredentials(id, endpoints)) {
    throw new ProviderNotConfiguredError(`${oauthProviders[id].displayName} has no client credentials on this server`);
  }
  return { provider: oauthProviders[id], endpoints };
}
