import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { identityNames, type Identity } from '../auth/identity.js';

/**
 * Org and user ids are identities: a log line never carries them. It carries `who`, a keyed hash
 * of the identity (HMAC-SHA256, 64 bits, base64url): equal for every line of one identity, so an
 * operator can follow one user's connects, refreshes and loads, and meaningless without the key
 * (a plain hash of `acme` + `alice` would be found by guessing). The key is derived from
 * ENCRYPTION_KEY, so every instance of a deployment writes the same `who`; without one it is
 * random per process. The operator who holds ENCRYPTION_KEY can compute the `who` of a known
 * identity (to find its lines), never the identity of a `who`.
 */
export type Pseudonymize = (identity: Identity) => string;

export function pseudonymizer(encryptionKey?: Uint8Array): Pseudonymize {
  const key = encryptionKey
    ? Buffer.from(hkdfSync('sha256', encryptionKey, Buffer.alloc(0), 'integration-connector log pseudonym v1', 32))
    : randomBytes(32);
  return (identity) => createHmac('sha256', key).update(identityNames.logSubject(identity)).digest('base64url').slice(0, 11);
}

/** Anything logged under `who` that is not an identity (a bug) is dropped, never written as it is. */
export function isIdentity(value: unknown): value is Identity {
  const candidate = value as Partial<Identity> | null;
  return typeof candidate?.orgId === 'string' && typeof candidate.userId === 'string';
}
