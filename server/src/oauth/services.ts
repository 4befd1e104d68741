import type { Config } from '../config/env.js';
import type { ConnectionServices } from '../connections/services.js';
import type { ProviderId } from '../providers/registry.js';

/** The edges the OAuth flow talks through: those of the connections it makes (tests swap `fetch` or the clock). */
export type OAuthServices = ConnectionServices;

export const ATTEMPT_TTL_MS = 10 * 60 * 1000;

/**
 * Why a connect attempt failed, as the flow records it (callback and confirmation). The OAuth
 * flow's own union: the GraphQL layer, which reports it, checks at compile time that each is one
 * of the API's ErrorCodes (graphql/attempt-error-code.ts).
 */
export type AttemptErrorCode = 'BAD_USER_INPUT' | 'FORBIDDEN' | 'PROVIDER_ERROR';

export function callbackUrl(config: Config, provider: ProviderId): string {
  return `${config.publicUrl}/integrations/${provider}/oauth2callback`;
}
