import type { z } from 'zod';
import type { CallLimiter } from './calls.js';
import type { ProviderEndpoints } from './settings.js';

/** A token endpoint answer, normalised. `raw` is the validated body, for provider-specific facts. */
export interface TokenSet<Raw = unknown> {
  accessToken: string;
  /** Null when the provider sent none (keep the previous one on refresh). */
  refreshToken: string | null;
  /** Seconds; null when the provider sets no expiry (Notion). */
  expiresIn: number | null;
  scopes: string[];
  raw: Raw;
}

export interface ProviderAccount {
  id: string;
  name: string | null;
  /** Facts later calls need (e.g. HubSpot's hub id for record URLs). Never secrets. */
  metadata: Record<string, string>;
}

/**
 * How a provider's token endpoint wants to be called:
 * - `form-post`: form body with client_id + client_secret (RFC 6749 client_secret_post),
 * - `form-basic`: form body, HTTP Basic client auth (client_secret_basic),
 * - `json-basic`: JSON body, HTTP Basic (Notion; not RFC 6749, so hand-written).
 */
export type TokenEndpointStyle = 'form-post' | 'form-basic' | 'json-basic';

export interface RevocationSpec {
  url: (endpoints: ProviderEndpoints) => string;
  /** Which token to revoke: revoking the refresh token ends the whole grant where supported. */
  token: 'access' | 'refresh';
}

/** Everything the shared OAuth flow needs to know about one provider. Data first, code only where data is not enough. */
export interface OAuthProvider<Raw = unknown> {
  authorizeUrl: (endpoints: ProviderEndpoints) => string;
  tokenUrl: (endpoints: ProviderEndpoints) => string;
  tokenEndpointStyle: TokenEndpointStyle;
  /** Extra headers for token/revoke calls (e.g. Notion-Version). */
  tokenHeaders?: Record<string, string>;
  scopes: readonly string[];
  /** Use PKCE S256: only where the provider documents it on its authorize page. */
  pkce: boolean;
  /** Fixed extra authorize parameters (Notion: owner=user). */
  authorizeParams?: Record<string, string>;
  tokenResponse: z.ZodType<Raw>;
  toTokenSet(raw: Raw): TokenSet<Raw>;
  /** Who the grant belongs to: from the token response or one identity call. */
  fetchAccount(tokens: TokenSet<Raw>, context: ProviderCallContext): Promise<ProviderAccount>;
  revocation?: RevocationSpec;
}

export interface ProviderCallContext {
  endpoints: ProviderEndpoints;
  fetch: typeof fetch;
  /** Per-request timeout for provider calls. */
  timeoutMs: number;
  /**
   * The limiter loads use: an account lookup that the provider counts against the same API budget
   * books its call here, so a load right after connect cannot overrun the window by one.
   */
  limiter?: CallLimiter;
}
