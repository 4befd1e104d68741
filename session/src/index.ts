/**
 * `@integration-connector/session`: mint the session token a host backend hands to
 * `<integration-connector session-token="...">`, with nothing but `jose` installed. The server
 * (`@integration-connector/server`) verifies these tokens; this package is the one definition of
 * their format (HS256, audience, claims, longest lifetime), and the server imports it from here.
 *
 * ```ts
 * import { createSessionToken } from '@integration-connector/session';
 * const token = await createSessionToken(
 *   { orgId: 'acme', userId: 'u-42', origin: 'https://app.acme.com' },
 *   process.env.SESSION_SECRET!,
 * );
 * ```
 */
import { SignJWT } from 'jose';
import type { Provider } from './generated/schema-enums.js';

/** A provider as hosts write it (`<integration-connector provider="...">`, session claims). */
export type ProviderId = Lowercase<Provider>;

/** The `aud` of every session token: tokens minted for another service are refused. */
export const SESSION_AUDIENCE = 'integration-connector';
/** Sessions are short-lived by design: a leaked token soon stops working. Longer TTLs are cut to this. */
export const MAX_SESSION_SECONDS = 24 * 60 * 60;
/** The lifetime of a token minted without `ttlSeconds`. */
export const DEFAULT_SESSION_SECONDS = 15 * 60;

export interface SessionClaims {
  /** The host application's organization (tenant) id: the `org` claim. */
  orgId: string;
  /** The host application's user id: the `sub` claim. */
  userId: string;
  /** Providers this session may use; all when absent. */
  providers?: readonly ProviderId[];
  /** The page origin this session may be used from (`https://app.example.com`); any allowed origin when absent. */
  origin?: string;
}

export interface SessionTokenOptions {
  /** Seconds until the token expires (default 15 minutes, at most 24 hours). */
  ttlSeconds?: number;
}

/** Signs an HS256 session token for one user of one organization, for the server that shares `secret`. */
export async function createSessionToken(claims: SessionClaims, secret: string, options: SessionTokenOptions = {}): Promise<string> {
  const ttl = Math.min(options.ttlSeconds ?? DEFAULT_SESSION_SECONDS, MAX_SESSION_SECONDS);
  const jwt = new SignJWT({
    org: claims.orgId,
    ...(claims.providers ? { providers: claims.providers } : {}),
    ...(claims.origin ? { origin: new URL(claims.origin).origin } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setAudience(SESSION_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttl}s`);
  // The key is the secret's UTF-8 bytes: the server reads SESSION_SECRET the same way (a base64
  // secret is used as the text it is, not decoded).
  return jwt.sign(new TextEncoder().encode(secret));
}
