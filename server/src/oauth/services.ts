import type { Config } from '../config/env.js';
import type { Logger } from '../logging/logger.js';
import type { CallLimiter } from '../providers/calls.js';
import type { OAuthProvider } from '../providers/oauth-provider.js';
import { providerModule, type ProviderId } from '../providers/registry.js';
import { hasClientCredentials, type ProviderEndpoints } from '../providers/settings.js';
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
  /** The rolling limiter every provider call books: the account lookups at connect and after a refresh too. */
  providerCalls: CallLimiter;
}

export const ATTEMPT_TTL_MS = 10 * 60 * 1000;

/**
 * Why a connect attempt failed, as the flow records it (callback and confirmation). The OAuth
 * flow's own union: the GraphQL layer, which reports it, checks at compile time that each is one
 * of the API's ErrorCodes (graphql/attempt-error-code.ts).
 */
export type AttemptErrorCode = 'BAD_USER_INPUT' | 'FORBIDDEN' | 'PROVIDER_ERROR';

export class ProviderNotConfiguredError extends Error {
  override readonly name = 'ProviderNotConfiguredError';
}

export function callbackUrl(config: Config, provider: ProviderId): string {
  return `${config.publicUrl}/integrations/${provider}/oauth2callback`;
}

/** A provider module and its configured endpoints, or an error when it has no credentials. */
export function configuredProvider(config: Config, id: ProviderId): { provider: OAuthProvider; endpoints: ProviderEndpoints } {
  const { settings, oauth } = providerModule(id);
  const endpoints = config.providers[id];
  if (!hasClientCredentials(settings, endpoints))
    throw new ProviderNotConfiguredError(`${settings.displayName} has no client credentials on this server`);
  return { provider: oauth, endpoints };
}
