import { createHash } from 'node:crypto';

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** RFC 7636 verifier: 43-128 chars of the unreserved set (what the providers that require PKCE document too). */
export function isValidVerifier(verifier: string): boolean {
  return /^[A-Za-z0-9._~-]{43,128}$/.test(verifier);
}

export function verifierMatches(verifier: string | undefined, challenge: string, method: string | undefined): boolean {
  if (!verifier) return false;
  return (method ?? 'plain') === 'S256' ? s256(verifier) === challenge : verifier === challenge;
}
