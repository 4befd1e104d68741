import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { createSessionToken } from '../../../server/src/auth/session-token.js';
import { TEST_ORIGIN } from '../../support/test-server.js';
import { checkGraphQL } from '../support/checks.js';
import { operationInput } from '../support/documents.js';
import { anyJson, anyString } from '../support/inputs.js';
import type { FuzzTally } from '../support/runner.js';
import { ADMIN_API_KEY, SESSION_SECRET, type FuzzTarget } from '../support/target.js';
import { noUnexpected } from './graphql.js';

/** Only what node:http lets through a header value (CR, LF and NUL go out through the raw-socket property instead). */
const headerSafe = anyString.map((value) =>
  Array.from(value)
    .filter((c) => /^[\t\x20-\x7e\x80-\xff]$/.test(c))
    .join(''),
);
const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** An HS256 JWT over any header and payload, signed with the real secret or another, built by hand so nothing is validated on the way. */
function signRaw(header: unknown, payload: unknown, secret: string): string {
  const head = `${b64url(JSON.stringify(header) ?? 'null')}.${b64url(JSON.stringify(payload) ?? 'null')}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

const now = () => Math.floor(Date.now() / 1000);
/** Claims a session may omit: mostly absent, sometimes plausible, sometimes any JSON. */
const optionalClaim = <T>(plausible: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: plausible }, { weight: 1, arbitrary: anyJson });

/** What a session token can be: valid, restricted, expired, tampered, unsigned, or signed with hostile claims. */
type TokenSpec =
  | { kind: 'minted'; which: number }
  | { kind: 'tampered'; which: number; at: number }
  | { kind: 'signed'; header: unknown; payload: unknown; realSecret: boolean }
  | { kind: 'claims'; sub: string; org: string }
  | { kind: 'text'; value: string };

const tokenSpec: fc.Arbitrary<TokenSpec> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('minted' as const), which: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tampered' as const), which: fc.nat(3), at: fc.nat() }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('signed' as const),
      header: fc.oneof(
        { weight: 8, arbitrary: fc.constant({ alg: 'HS256', typ: 'JWT' }) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            { alg: 'none' },
            { alg: 'HS512' },
            { alg: 'RS256' },
            { alg: 'HS256', crit: ['x'] },
            { alg: 'HS256', b64: false },
          ),
        },
        { weight: 1, arbitrary: anyJson },
      ),
      payload: fc.oneof(
        {
          weight: 4,
          arbitrary: fc.record(
            {
              sub: fc.oneof({ weight: 6, arbitrary: anyString }, { weight: 1, arbitrary: anyJson }),
              org: fc.oneof({ weight: 6, arbitrary: fc.oneof(anyString, fc.constant('fuzz-org')) }, { weight: 1, arbitrary: anyJson }),
              // Mostly a valid envelope, so the claims inside reach the server's own checks.
              aud: fc.oneof({ weight: 8, arbitrary: fc.constant('integration-connector') }, { weight: 1, arbitrary: anyJson }),
              iat: fc.oneof(
                { weight: 8, arbitrary: fc.constant(now()) },
                { weight: 1, arbitrary: fc.constantFrom(now() + 3_600, now() - 200_000, 0, undefined) },
                { weight: 1, arbitrary: anyJson },
              ),
              exp: fc.oneof(
                { weight: 8, arbitrary: fc.constant(now() + 600) },
                { weight: 1, arbitrary: fc.constantFrom(now() - 600, now() + 10 ** 9, 2 ** 53, undefined) },
                { weight: 1, arbitrary: anyJson },
              ),
              providers: optionalClaim(
                fc.array(fc.constantFrom('hubspot', 'airtable', 'notion', 'HUBSPOT', '__proto__'), { maxLength: 5 }),
              ),
              origin: optionalClaim(fc.constantFrom(TEST_ORIGIN, 'http://evil.example', 'null', 'javascript:alert(1)')),
            },
            { requiredKeys: [] },
          ),
        },
        { weight: 1, arbitrary: anyJson },
      ),
      realSecret: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    }),
  },
  // A well-signed, current token around hostile ids: what a careless host backend could mint.
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('claims' as const), sub: anyString, org: fc.oneof(anyString, fc.constant('fuzz-org')) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('text' as const), value: headerSafe }) },
);

const authorization = fc.oneof(
  { weight: 1, arbitrary: fc.constant(undefined) },
  {
    weight: 6,
    arbitrary: fc.tuple(
      fc.constantFrom('Bearer ', 'Bearer ', 'Bearer ', 'bearer ', 'Bearer  ', 'Bearer\t', 'Basic ', 'Bearer', 'Token '),
      tokenSpec,
      fc.constantFrom('', '', '', '', ' ', ' extra', ',x'),
    ),
  },
  { weight: 1, arbitrary: headerSafe },
);
const adminKey = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      ADMIN_API_KEY,
      `${ADMIN_API_KEY}x`,
      ADMIN_API_KEY.slice(0, -1),
      ADMIN_API_KEY.toUpperCase(),
      ` ${ADMIN_API_KEY}`,
      '',
    ),
  },
  { weight: 1, arbitrary: headerSafe },
);
const origin = fc.oneof(
  fc.constant(TEST_ORIGIN),
  fc.constantFrom(undefined, 'null', 'http://evil.example', 'http://localhost:3000.evil.example', 'HTTP://LOCALHOST:3000'),
  headerSafe,
);

/** Random Authorization, X-Admin-Key and Origin headers with every operation of the schema, on a signed-mode server. */
export async function fuzzAuthHeaders(target: FuzzTarget, tally: FuzzTally, pool: fc.Arbitrary<string>, runsPerWorker: number) {
  const minted = [
    await createSessionToken(target.identity, SESSION_SECRET),
    await createSessionToken({ ...target.identity, providers: ['notion'] }, SESSION_SECRET),
    await createSessionToken({ ...target.identity, origin: TEST_ORIGIN }, SESSION_SECRET),
    await createSessionToken({ userId: 'other-user', orgId: target.identity.orgId }, SESSION_SECRET, { ttlSeconds: 60 }),
  ];
  const tokenOf = (spec: TokenSpec): string => {
    switch (spec.kind) {
      case 'minted':
        return minted[spec.which]!;
      case 'tampered': {
        const token = minted[spec.which]!;
        const at = spec.at % token.length;
        return token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
      }
      case 'signed':
        return signRaw(spec.header, spec.payload, spec.realSecret ? SESSION_SECRET : 'not-the-secret-0123456789abcdef-0000');
      case 'claims':
        return signRaw(
          { alg: 'HS256', typ: 'JWT' },
          { sub: spec.sub, org: spec.org, aud: 'integration-connector', iat: now(), exp: now() + 600 },
          SESSION_SECRET,
        );
      case 'text':
        return spec.value;
    }
  };

  return tally.run(
    'auth-headers',
    // The identity argument is dropped half the time: a session then acts for its own claims.
    fc.record({ operation: operationInput(pool), authorization, adminKey, origin, sessionOnly: fc.boolean() }),
    async ({ operation, authorization, adminKey, origin, sessionOnly }) => {
      const { identity: _dropped, ...withoutIdentity } = operation.variables;
      const variables = sessionOnly ? withoutIdentity : operation.variables;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (authorization !== undefined)
        headers.authorization =
          typeof authorization === 'string' ? authorization : `${authorization[0]}${tokenOf(authorization[1])}${authorization[2]}`;
      if (adminKey !== undefined) headers['x-admin-key'] = adminKey;
      if (origin !== undefined) headers.origin = origin;
      const response = await target.client.send('POST', '/graphql', {
        body: JSON.stringify({ query: operation.document, variables }),
        headers,
      });
      // Only the real admin key may read a live access token.
      const admin = adminKey === ADMIN_API_KEY;
      return [
        ...checkGraphQL(response, { secrets: admin ? target.secrets : [...target.secrets, target.accessToken] }),
        ...noUnexpected(response.body),
      ];
    },
    { runsPerWorker },
  );
}
