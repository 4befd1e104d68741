import { createHash, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config/env.js';
import { InvalidSessionError, verifySessionToken, type Session } from './session-token.js';

/** Who is calling, decided once per request from its headers. */
export type Caller =
  | { kind: 'admin' }
  | { kind: 'session'; session: Session }
  | { kind: 'invalid-session'; reason: 'expired' | 'invalid' }
  | { kind: 'anonymous' };

export const ADMIN_KEY_HEADER = 'x-admin-key';

// Hashing first makes the comparison constant-time whatever the lengths.
const digest = (value: string) => createHash('sha256').update(value).digest();
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

export async function identifyCaller(config: Config, headers: { authorization?: string; adminKey?: string }): Promise<Caller> {
  if (headers.adminKey !== undefined && headers.adminKey !== '') {
    // A wrong admin key is not silently downgraded to anonymous.
    if (config.adminApiKey && sameSecret(headers.adminKey, config.adminApiKey)) return { kind: 'admin' };
    return { kind: 'invalid-session', reason: 'invalid' };
  }
  const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
  if (!match?.[1]) return { kind: 'anonymous' };
  if (!config.sessionSecret) return { kind: 'invalid-session', reason: 'invalid' };
  try {
    return { kind: 'session', session: await verifySessionToken(match[1], config.sessionSecret) };
  } catch (error) {
    if (error instanceof InvalidSessionError) return { kind: 'invalid-session', reason: error.reason };
    throw error;
  }
}
