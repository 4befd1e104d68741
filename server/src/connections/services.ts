import type { Config } from '../config/env.js';
import type { Logger } from '../logging/logger.js';
import type { CallLimiter } from '../providers/calls.js';
import type { OAuthProvider } from '../providers/oauth-provider.js';
import { providerModule, type ProviderId } from '../providers/registry.js';
import { hasClientCredentials, type ProviderEndpoints } from '../providers/settings.js';
import type { Stores } from '../store/index.js';

/** The edges a connection is kept usable through (and the OAuth flow above talks through); tests swap `fetch` or the clock. */
export interface ConnectionServices {
  config: Config;
  stores: Stores;
  logger: Logger;
  fetch: typeof fetch;
  now: () => number;
  /** Per provider call; the refresh lock lives longer than this. */
  providerTimeoutMs: number;
  /** The rolling limiter every provider call books: the account lookups at connect and after a refresh too. */
  providerCalls: CallLimiter;
}

export class ProviderNotConfiguredError extends Error {
  override readonly name = 'ProviderNotConfiguredError';
}

/** A provider module and its configured endpoints, or an error when it has no credentials. */
export function configuredProvider(config: Config, id: ProviderId): { provider: OAuthProvider; endpoints: ProviderEndpoints } {
  const { settings, oauth } = providerModule(id);
  const endpoints = config.providers[id];
  if (!hasClientCredentials(settings, endpoints))
    throw new ProviderNotConfiguredError(`${settings.displayName} has no client credentials on this server`);
  return { provider: oauth, endpoints };
}
