import { webcrypto } from 'node:crypto';
import {
  MAX_SESSION_SECONDS,
  SESSION_AUDIENCE,
  type ProviderId as SessionProviderId,
  type SessionClaims,
} from '@integration-connector/session';
import { errors, jwtVerify } from 'jose';
import { z } from 'zod';
import { PROVIDER_IDS, providerIdSchema, type ProviderId } from '../providers/registry.js';

/**
 * Signed session tokens: how a host backend tells this server who its user is. HS256 JWTs
 * (jose) with a required expiry; identity comes only from here in AUTH_MODE=signed. Their format
 * (audience, claims, longest lifetime) and the minting function live in the dependency-light
 * `@integration-connector/session` package (session/), which host backends install alone:
 *
 *   import { createSessionToken } from '@integration-connector/session';
 *   const token = await createSessionToken({ orgId: 'acme', userId: 'u-42' }, process.env.SESSION_SECRET);
 */
export { createSessionToken, MAX_SESSION_SECONDS, SESSION_AUDIENCE, type SessionClaims } from '@integration-connector/session';
/** Clock skew we forgive between the host's and our clocks. */
export const CLOCK_TOLERANCE_SECONDS = 30;

// The session package's provider ids (from the schema's enum) are the registry's: a provider added
// to one and not the other does not compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sessionIdsMatchRegistry: Same<SessionProviderId, ProviderId> = true;
void sessionIdsMatchRegistry;

// The same ids the identity argument accepts: no control characters, no lone surrogates (which
// cannot be encoded into a store key).
const idPart = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[^\p{Cc}\p{Cs}]*$/u);

export interface Session extends SessionClaims {
  expiresAt: number;
}

const claimsSchema = z.object({
  sub: idPart,
  org: idPart,
  providers: z.array(providerIdSchema).max(PROVIDER_IDS.length).optional(),
  origin: z.url().optional(),
  exp: z.number().int(),
  iat: z.number().int(),
});

export class InvalidSessionError extends Error {
  override readonly name = 'InvalidSessionError';
  constructor(readonly reason: 'expired' | 'invalid') {
    super(reason === 'expired' ? 'The session token has expired.' : 'The session token is invalid.');
  }
}

/** The HMAC key: SESSION_SECRET's UTF-8 bytes, as the session package signs with (never base64-decoded). */
const keyOf = (secret: string) => new TextEncoder().encode(secret);

/** Verifies signature (HS256 only: `alg: none` and other algorithms are refused), audience, expiry and shape. */
export async function verifySessionToken(token: string, secret: string): Promise<Session> {
  return (await verifyWithDeadline(token, keyOf(secret))).session;
}

/**
 * The verified session and the instant it stops being acceptable: expiry or maximum age, plus
 * the tolerated skew, whichever comes first (what a cache of verified tokens may rely on).
 */
export async function verifyWithDeadline(
  token: string,
  key: Uint8Array | webcrypto.CryptoKey,
  now: number = Date.now(),
): Promise<{ session: Session; validUntil: number }> {
  try {
    const { payload } = await jwtVerify(token, key, {
      currentDate: new Date(now),
      algorithms: ['HS256'],
      audience: SESSION_AUDIENCE,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      maxTokenAge: MAX_SESSION_SECONDS + CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp', 'iat', 'sub'],
    });
    const claims = claimsSchema.parse(payload);
    const session: Session = {
      orgId: claims.org,
      userId: claims.sub,
      providers: claims.providers,
      origin: claims.origin ? new URL(claims.origin).origin : undefined,
      expiresAt: claims.exp * 1000,
    };
    const lastAcceptedSecond = Math.min(claims.exp, claims.iat + MAX_SESSION_SECONDS) + CLOCK_TOLERANCE_SECONDS;
    return { session, validUntil: lastAcceptedSecond * 1000 };
  } catch (error) {
    throw new InvalidSessionError(error instanceof errors.JWTExpired ? 'expired' : 'invalid');
  }
}

/** The HMAC key as a CryptoKey, imported once: jose would otherwise import a raw secret on every call. */
export function importSessionKey(secret: string): Promise<webcrypto.CryptoKey> {
  return webcrypto.subtle.importKey('raw', keyOf(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
}
