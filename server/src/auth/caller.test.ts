import { describe, expect, it } from 'vitest';
import { callerIdentifier } from './caller.js';
import { CLOCK_TOLERANCE_SECONDS, createSessionToken } from './session-token.js';

const secret = 's'.repeat(32);
const claims = { orgId: 'acme', userId: 'u-1' };

/** A clock the test moves; jose and the cache of verified tokens both read it. */
function movableClock() {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms: number) => void (offset += ms) };
}

describe('identifying the caller', () => {
  it('accepts a valid session token on every request, not only the first', async () => {
    const identify = callerIdentifier({ sessionSecret: secret, adminApiKey: undefined });
    const token = await createSessionToken(claims, secret, { ttlSeconds: 60 });
    for (let i = 0; i < 3; i++) {
      const caller = await identify({ authorization: `Bearer ${token}` });
      expect(caller).toMatchObject({ kind: 'session', session: { orgId: 'acme', userId: 'u-1' } });
    }
  });

  it('stops accepting a remembered token once it expires (past the tolerated skew)', async () => {
    const clock = movableClock();
    const identify = callerIdentifier({ sessionSecret: secret, adminApiKey: undefined }, clock.now);
    const token = await createSessionToken(claims, secret, { ttlSeconds: 60 });
    expect((await identify({ authorization: `Bearer ${token}` })).kind).toBe('session');

    clock.advance((60 + CLOCK_TOLERANCE_SECONDS - 5) * 1000);
    expect((await identify({ authorization: `Bearer ${token}` })).kind).toBe('session');
    clock.advance(10_000);
    expect(await identify({ authorization: `Bearer ${token}` })).toEqual({ kind: 'invalid-session', reason: 'expired' });
  });

  it('refuses a tampered or foreign token even while its genuine sibling is remembered', async () => {
    const identify = callerIdentifier({ sessionSecret: secret, adminApiKey: undefined });
    const token = await createSessionToken(claims, secret);
    expect((await identify({ authorization: `Bearer ${token}` })).kind).toBe('session');

    const [header, payload, signature] = token.split('.') as [string, string, string];
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'u-2' })).toString(
      'base64url',
    );
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    const foreign = await createSessionToken(claims, 'o'.repeat(32));
    for (const bad of [`${header}.${forgedPayload}.${signature}`, `${header}.${payload}.${flipped}`, foreign]) {
      expect(await identify({ authorization: `Bearer ${bad}` })).toEqual({ kind: 'invalid-session', reason: 'invalid' });
    }
  });

  it('refuses every token when no SESSION_SECRET is configured', async () => {
    const identify = callerIdentifier({ sessionSecret: undefined, adminApiKey: undefined });
    const token = await createSessionToken(claims, secret);
    expect(await identify({ authorization: `Bearer ${token}` })).toEqual({ kind: 'invalid-session', reason: 'invalid' });
    expect(await identify({})).toEqual({ kind: 'anonymous' });
  });

  it('recognises the admin key and never downgrades a wrong one to anonymous', async () => {
    const identify = callerIdentifier({ sessionSecret: secret, adminApiKey: 'a'.repeat(32) });
    expect(await identify({ adminKey: 'a'.repeat(32) })).toEqual({ kind: 'admin' });
    expect(await identify({ adminKey: 'b'.repeat(32) })).toEqual({ kind: 'invalid-session', reason: 'invalid' });
  });
});
