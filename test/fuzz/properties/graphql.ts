import fc from 'fast-check';
import { TEST_ORIGIN } from '../../support/test-server.js';
import { checkCommon, checkGraphQL } from '../support/checks.js';
import { operationInput, requestBody } from '../support/documents.js';
import { anyJson, anyString, hugeString } from '../support/inputs.js';
import type { FuzzTally } from '../support/runner.js';
import type { FuzzTarget } from '../support/target.js';

/** Bad input is the client's fault: it may be refused with any code but never reach "unexpected". */
export const noUnexpected = (body: string) =>
  body.includes('"code":"INTERNAL_SERVER_ERROR"') ? ['INTERNAL_SERVER_ERROR for client input'] : [];

const post = (target: FuzzTarget, body: string, headers: Record<string, string> = {}) =>
  target.client.send('POST', '/graphql', { body, headers: { 'content-type': 'application/json', origin: TEST_ORIGIN, ...headers } });

/** Every operation and argument of the schema, with generated values for its variables. */
export function fuzzOperations(target: FuzzTarget, tally: FuzzTally, pool: fc.Arbitrary<string>, runsPerWorker: number) {
  return tally.run(
    'operations',
    operationInput(pool),
    async ({ document, variables }) => {
      const response = await post(target, JSON.stringify({ query: document, variables }));
      return [...checkGraphQL(response, { secrets: [...target.secrets, target.accessToken] }), ...noUnexpected(response.body)];
    },
    { runsPerWorker },
  );
}

/** Query text and JSON bodies: syntax soup, inline literals, alias/depth/fragment/directive abuse, APQ, batches, wrong types. */
export function fuzzBodies(target: FuzzTarget, tally: FuzzTally, runsPerWorker: number) {
  return tally.run(
    'bodies',
    requestBody,
    async (body) => {
      const response = await post(target, JSON.stringify(body) ?? 'undefined');
      return [...checkGraphQL(response, { secrets: [...target.secrets, target.accessToken] }), ...noUnexpected(response.body)];
    },
    { runsPerWorker },
  );
}

const percentEncoded = (value: string) => Buffer.from(value, 'utf8').toString('hex').replace(/../g, '%$&');

/** The HTTP envelope: methods, odd paths, content types, raw and oversized bodies, GET queries with and without preflight. */
export function fuzzHttpShape(target: FuzzTarget, tally: FuzzTally, runsPerWorker: number) {
  const contentType = fc.oneof(
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-16',
      'application/graphql',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=latin1',
      '*/*',
      '',
    ),
    anyString.filter((value) => /^[\t\x20-\x7e]*$/.test(value)),
  );
  const rawBody = fc.oneof(
    anyString,
    hugeString,
    fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
    anyJson.map((value) => JSON.stringify(value) ?? ''),
    fc.constantFrom(
      '{"query":',
      '{"query": "{ __typename }"',
      '{"query":"{ __typename }"}{"query":"x"}',
      '\ufeff{"query":"{ __typename }"}',
      '{"__proto__":{"query":"x"}}',
      '{"query":"{ __typename }","query":"mutation { x }"}',
    ),
  );
  const path = fc.oneof(
    fc.constantFrom(
      '/graphql',
      '/graphql/',
      '/GRAPHQL',
      '/graphql?',
      '/graphql#x',
      '/healthz',
      '/readyz',
      '/',
      '/integrations',
      '/graphql/../healthz',
      '/%2e%2e/etc/passwd',
      '/graphql%00',
      '//graphql',
      '*',
    ),
    fc
      .record({
        query: fc.oneof(anyString, fc.constantFrom('{ providers { id } }', 'mutation { disconnect(provider: HUBSPOT) }')),
        variables: anyJson,
        extra: anyString,
      })
      .map(
        ({ query, variables, extra }) =>
          `/graphql?query=${percentEncoded(query)}&variables=${percentEncoded(JSON.stringify(variables) ?? '')}&${percentEncoded(extra)}=${percentEncoded(extra)}`,
      ),
    anyString.map((value) => `/${percentEncoded(value)}`),
  );
  return tally.run(
    'http',
    fc.record({
      method: fc.constantFrom('GET', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
      path,
      contentType,
      preflight: fc.boolean(),
      body: rawBody,
    }),
    async ({ method, path, contentType, preflight, body }) => {
      const headers: Record<string, string> = {
        origin: TEST_ORIGIN,
        ...(contentType ? { 'content-type': contentType } : {}),
        ...(preflight ? { 'apollo-require-preflight': '1' } : {}),
      };
      const response = await target.client.send(method, path, { headers, body: method === 'GET' || method === 'HEAD' ? undefined : body });
      const options = { secrets: [...target.secrets, target.accessToken] };
      const isGraphQL = /^\/graphql\/?(?:[?#]|$)/i.test(path) && method !== 'HEAD' && method !== 'OPTIONS';
      return [...(isGraphQL ? checkGraphQL(response, options) : checkCommon(response, options)), ...noUnexpected(response.body)];
    },
    { runsPerWorker },
  );
}
