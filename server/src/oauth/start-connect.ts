import { randomBytes } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import type { Identity } from '../auth/identity.js';
import type { ProviderId } from '../providers/registry.js';
import { configuredProvider } from '../connections/services.js';
import { ATTEMPT_TTL_MS, callbackUrl, type OAuthServices } from './services.js';

export interface ConnectRequest {
  provider: ProviderId;
  identity: Identity;
  /** Origin of the page that asked; the callback hands the confirmation only there, and only it may confirm. */
  origin: string | null;
  display: 'POPUP' | 'REDIRECT';
  /** A URL on `origin`: where redirect mode returns, and where a popup without opener continues. */
  returnTo: string | null;
  /** An admin's deliberate connect link: stored at the callback without a confirmation. */
  link: boolean;
}

export interface StartedConnect {
  authorizationUrl: string;
  attemptId: string;
  expiresAt: number;
}

// Some providers refuse `+` for the spaces in `scope` and want %20: build the query by hand with encodeURIComponent.
const query = (params: Record<string, string>) =>
  Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');

/**
 * Creates a single-use attempt (256-bit state, 10-minute TTL, bound to identity, provider and the
 * requesting origin; PKCE S256 where the provider supports it) and the URL of the consent page.
 */
export async function startConnect(services: OAuthServices, request: ConnectRequest): Promise<StartedConnect> {
  const { provider, endpoints } = configuredProvider(services.config, request.provider);
  const state = oauth.generateRandomState();
  const attemptId = randomBytes(16).toString('base64url');
  const codeVerifier = provider.pkce ? oauth.generateRandomCodeVerifier() : undefined;
  const now = services.now();
  const expiresAt = now + ATTEMPT_TTL_MS;

  await services.stores.attempts.create({
    id: attemptId,
    state,
    provider: request.provider,
    orgId: request.identity.orgId,
    userId: request.identity.userId,
    origin: request.origin ?? '',
    display: request.display,
    returnTo: request.returnTo ?? undefined,
    link: request.link,
    codeVerifier,
    createdAt: now,
    expiresAt,
  });

  const params: Record<string, string> = {
    client_id: endpoints.clientId ?? '',
    redirect_uri: callbackUrl(services.config, request.provider),
    response_type: 'code',
    state,
    ...provider.authorizeParams,
  };
  if (provider.scopes.length > 0) params.scope = provider.scopes.join(' ');
  if (codeVerifier) {
    params.code_challenge = await oauth.calculatePKCECodeChallenge(codeVerifier);
    params.code_challenge_method = 'S256';
  }
  return { authorizationUrl: `${provider.authorizeUrl(endpoints)}?${query(params)}`, attemptId, expiresAt };
}
