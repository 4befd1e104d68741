import { createHash, timingSafeEqual, type webcrypto } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Config } from '../config/env.js';
import { importSessionKey, InvalidSessionError, verifyWithDeadline, type Session } from './session-token.js';

/** Who is calling, decided once per request from its headers. */
export type Caller =
  | { kind: 'admin' }
  | { kind: 'session'; session: Session }
  | { kind: 'invalid-session'; reason: 'expired' | 'invalid' }
  | { kind: 'anonymous' };

export const ADMIN_KEY_HEADER = 'x-admin-key';

/** Verified tokens kept in memory; only tokens that passed verification get in, so nobody can fill it without the secret. */
const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

// Hashing first makes the comparison constant-time whatever the lengths.
const digest = (value: string) => createHash('sha256').update(value).digest();

export type IdentifyCaller = (headers: { authorization?: string; adminKey?: string }) => Promise<Caller>;

/**
 * One identifier per server: a widget sends the same session token on every request, so a
 * verified token is remembered (bounded LRU) until the instant it stops being acceptable. Signature
 * checks through WebCrypto were a fifth of a `credentials` request's CPU (bench/server.ts).
 */
export function callerIdentifier(config: Pick<Config, 'adminApiKey' | 'sessionSecret'>, now: () => number = Date.now): IdentifyCaller {
  const key = config.sessionSecret ? importSessionKey(config.sessionSecret) : null;
  key?.catch(() => {}); // a failed import surfaces on first use, not as an unhandled rejection
  // The expected side is hashed once, not on every call (each proxied call presents the admin key).
  const adminKeyDigest = config.adminApiKey ? digest(config.adminApiKey) : null;
  const verified = new LRUCache<string, { session: Session; validUntil: number }>({ max: VERIFIED_TOKEN_CACHE_SIZE });

  async function verify(token: string, sessionKey: Promise<webcrypto.CryptoKey>): Promise<Session> {
    const at = now();
    const remembered = verified.get(token);
    if (remembered && at < remembered.validUntil) return remembered.session;
    const fresh = await verifyWithDeadline(token, await sessionKey, at);
    verified.set(token, fresh);
    return fresh.session;
  }

  return async function identifyCaller(headers) {
    if (headers.adminKey !== undefined && headers.adminKey !== '') {
      // A wrong admin key is not silently downgraded to anonymous.
      if (adminKeyDigest && timingSafeEqual(digest(headers.adminKey), adminKeyDigest)) return { kind: 'admin' };
      return { kind: 'invalid-session', reason: 'invalid' };
    }
    const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
    if (!match?.[1]) return { kind: 'anonymous' };
    if (!key) return { kind: 'invalid-session', reason: 'invalid' };
    // The usual case answered without an await: a token verified before and still acceptable.
    const remembered = verified.get(match[1]);
    if (remembered && now() < remembered.validUntil) return { kind: 'session', session: remembered.session };
    try {
      return { kind: 'session', session: await verify(match[1], key) };
    } catch (error) {
      if (error instanceof InvalidSessionError) return { kind: 'invalid-session', reason: error.reason };
      throw error;
    }
  };
}
