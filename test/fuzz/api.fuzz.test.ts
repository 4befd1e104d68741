import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_ORIGIN } from '../support/test-server.js';
import { fuzzAuthHeaders } from './properties/auth.js';
import { fuzzCallback } from './properties/callback.js';
import { fuzzBodies, fuzzHttpShape, fuzzOperations } from './properties/graphql.js';
import { fuzzRawHttp } from './properties/raw-http.js';
import { FuzzTally, type FuzzFailure } from './support/runner.js';
import { ADMIN_API_KEY, startFuzzTarget, type FuzzTarget } from './support/target.js';

/**
 * Issue 8, bad input: >= 10,000 generated inputs against the running API over real HTTP. Every
 * property asserts: no 5xx, every GraphQL error has a code of `enum ErrorCode` (read from the SDL)
 * and never INTERNAL_SERVER_ERROR, no stack trace, no secret; /healthz still answers afterwards.
 * FUZZ_SCALE=0.1 for a quick run, FUZZ_SEED=<n> to replay one.
 */
const scale = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (perWorker: number) => Math.max(1, Math.round(perWorker * scale));
const tally = new FuzzTally();

/** Strings the server knows (a connected identity, a live attempt id), so some lookups hit. */
async function knownStrings(target: FuzzTarget, headers: Record<string, string> = {}): Promise<fc.Arbitrary<string>> {
  const { body } = await target.stack.server.graphql<{ connect: { attemptId: string } }>(
    'mutation($i: IdentityInput) { connect(provider: NOTION, identity: $i) { attemptId } }',
    { i: target.identity },
    { origin: TEST_ORIGIN, ...headers },
  );
  const attemptId = body.data?.connect.attemptId;
  if (!attemptId) throw new Error(`fuzz setup: connect failed: ${JSON.stringify(body.errors)}`);
  return fc.constantFrom(target.identity.userId, target.identity.orgId, attemptId, TEST_ORIGIN, `${TEST_ORIGIN}/back`);
}

async function expectSurvived(target: FuzzTarget, failures: readonly FuzzFailure[]) {
  expect(await target.healthy(), '/healthz after the property').toBe(true);
  expect(failures, failures.map((f) => `${f.problems}\n  input: ${f.counterexample}`).join('\n')).toEqual([]);
}

afterAll(() => {
  console.log(tally.summary('fuzz'));
  console.log(`fuzz: slowest input ${tally.slowestMs.toFixed(0)} ms (${tally.slowest})`);
  if (tally.failures.length) console.log(tally.report());
});

describe('fuzz: AUTH_MODE=open (GraphQL and the OAuth callback; sandbox providers, real Redis)', () => {
  let target: FuzzTarget;
  let pool: fc.Arbitrary<string>;
  beforeAll(async () => {
    target = await startFuzzTarget(inject('redisUrl'), 'open');
    pool = await knownStrings(target);
  });
  afterAll(() => target?.close());

  it('every operation and argument of the schema, with generated variable values', async () => {
    await expectSurvived(target, await fuzzOperations(target, tally, pool, runs(1_000)));
  }, 60_000);

  it('random documents and JSON bodies', async () => {
    await expectSurvived(target, await fuzzBodies(target, tally, runs(400)));
  }, 60_000);

  it('the HTTP envelope: methods, paths, content types, raw and oversized bodies', async () => {
    await expectSurvived(target, await fuzzHttpShape(target, tally, runs(250)));
  }, 60_000);

  it('GET /integrations/{provider}/oauth2callback with random query strings (some around live states)', async () => {
    await expectSurvived(target, await fuzzCallback(target, tally, runs(500)));
  }, 60_000);
});

describe('fuzz: AUTH_MODE=signed (sessions and the admin key)', () => {
  let target: FuzzTarget;
  let pool: fc.Arbitrary<string>;
  beforeAll(async () => {
    target = await startFuzzTarget(inject('redisUrl'), 'signed');
    pool = await knownStrings(target, { 'x-admin-key': ADMIN_API_KEY });
  });
  afterAll(() => target?.close());

  it('random Authorization, X-Admin-Key and Origin headers with every operation', async () => {
    await expectSurvived(target, await fuzzAuthHeaders(target, tally, pool, runs(500)));
  }, 60_000);

  it('raw bytes on the socket: CR/LF/NUL in headers, conflicting lengths, smuggling, bad request lines', async () => {
    await expectSurvived(target, await fuzzRawHttp(target, tally, runs(100)));
  }, 60_000);

  it('ran at least 10,000 inputs in total', () => {
    if (scale >= 1) expect(tally.inputs).toBeGreaterThanOrEqual(10_000);
  });
});
