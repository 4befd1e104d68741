import fc from 'fast-check';
import { TEST_ORIGIN } from '../../support/test-server.js';
import { checkCallback } from '../support/checks.js';
import { anyString, HOSTILE_STRINGS } from '../support/inputs.js';
import type { FuzzTally } from '../support/runner.js';
import type { FuzzTarget } from '../support/target.js';
import { noUnexpected } from './graphql.js';

const PROVIDERS = ['hubspot', 'airtable', 'notion'] as const;
const ENUM = { hubspot: 'HUBSPOT', airtable: 'AIRTABLE', notion: 'NOTION' } as const;

/** How one query-string part goes on the wire: UTF-8 percent-encoded, raw bytes, or broken escapes. */
const wire = fc.oneof(
  { weight: 4, arbitrary: anyString.map((value) => Buffer.from(value, 'utf8').toString('hex').replace(/../g, '%$&')) },
  {
    weight: 2,
    arbitrary: anyString.map((value) =>
      Array.from(value)
        .filter((c) => c.charCodeAt(0) >= 0x21 && c.charCodeAt(0) <= 0xff && c !== '#')
        .join(''),
    ),
  },
  // invalid UTF-8 (overlong, surrogate halves, truncated), NUL, stray and broken escapes
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '%C0%AF',
      '%ED%A0%80',
      '%F4%90%80%80',
      '%E2%82',
      '%FF%FE',
      '%00',
      '%',
      '%zz',
      '%%%',
      '+',
      '%2B',
      '%26state%3Dx',
      '%0D%0ASet-Cookie:%20x=1',
      '%3Cscript%3Ealert(1)%3C/script%3E',
      '%E2%80%AE',
    ),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes).toString('hex').replace(/../g, '%$&')) },
);
const key = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('state', 'code', 'error', 'error_description', 'error_uri', 'iss', 'scope', 'state', 'code') },
  { weight: 1, arbitrary: wire },
);

interface CallbackInput {
  provider: string;
  /** Mint a real attempt first (for this provider or another), so the state is one the server issued. */
  live: { for: (typeof PROVIDERS)[number]; returnTo: boolean } | null;
  params: Array<[string, string]>;
  separator: string;
}

const callbackInput: fc.Arbitrary<CallbackInput> = fc.record({
  provider: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...PROVIDERS) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('HubSpot', 'NOTION', '..', '%2e%2e', 'hubspot%00', '__proto__', 'constructor', 'x'.repeat(300)),
    },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map((value) => encodeURIComponent(value.replace(/\p{Cs}/gu, ''))) },
  ),
  live: fc.option(fc.record({ for: fc.constantFrom(...PROVIDERS), returnTo: fc.boolean() }), { freq: 3, nil: null }),
  params: fc.array(fc.tuple(key, wire), { maxLength: 6 }),
  separator: fc.constantFrom('&', '&', '&', ';', '&&'),
});

async function liveState(target: FuzzTarget, provider: (typeof PROVIDERS)[number], returnTo: boolean): Promise<string> {
  const { body } = await target.stack.server.graphql<{ connect: { authorizationUrl: string } }>(
    'mutation($p: Provider!, $i: IdentityInput, $r: String) { connect(provider: $p, identity: $i, returnTo: $r) { authorizationUrl } }',
    { p: ENUM[provider], i: target.identity, r: returnTo ? `${TEST_ORIGIN}/back?tab=1` : null },
    { origin: TEST_ORIGIN },
  );
  const url = body.data?.connect.authorizationUrl;
  if (!url) throw new Error(`fuzz: could not mint an attempt: ${JSON.stringify(body.errors)}`);
  return new URL(url).searchParams.get('state')!;
}

/** GET /integrations/{provider}/oauth2callback with random query strings, some around a state the server really issued. */
export function fuzzCallback(target: FuzzTarget, tally: FuzzTally, runsPerWorker: number) {
  return tally.run(
    'callback',
    callbackInput,
    async ({ provider, live, params, separator }) => {
      const parts = params.map(([k, v]) => `${k}=${v}`);
      if (live) parts.splice(Math.min(1, parts.length), 0, `state=${encodeURIComponent(await liveState(target, live.for, live.returnTo))}`);
      const response = await target.client.send('GET', `/integrations/${provider}/oauth2callback?${parts.join(separator)}`);
      return [
        ...checkCallback(response, { secrets: [...target.secrets, target.accessToken], allowedOrigins: target.allowedOrigins }),
        ...noUnexpected(response.body),
      ];
    },
    { runsPerWorker },
  );
}
