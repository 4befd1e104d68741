import fc from 'fast-check';
import { sendRaw } from '../support/http.js';
import type { FuzzTally } from '../support/runner.js';
import type { FuzzTarget } from '../support/target.js';

const target = fc.constantFrom(
  '/graphql',
  '/integrations/hubspot/oauth2callback?state=x&code=y',
  '/healthz',
  '*',
  'http://evil.example/graphql',
  '/graphql\u0000',
  '/%00',
  '/graphql?a=\r\nb',
  '/' + 'a'.repeat(20_000),
);
const headerLine = fc.oneof(
  fc.constantFrom(
    'Content-Type: application/json',
    'Origin: http://localhost:3000',
    'Authorization: Bearer a\r\nX-Admin-Key: guess',
    'X-Admin-Key: a\u0000b',
    'X-Request-Id: ../../etc/passwd\r\nSet-Cookie: owned=1',
    'Transfer-Encoding: chunked',
    'Transfer-Encoding: chunked, identity',
    'Transfer-Encoding: xchunked',
    'Content-Length: 5',
    'Content-Length: -1',
    'Content-Length: 99999999999999999999',
    'Content-Length: 5, 6',
    ' folded-continuation',
    'NoColonHere',
    ': empty-name',
    'X-Big: ' + 'b'.repeat(20_000),
    'Host: evil.example',
    'Host: ',
    'Expect: 100-continue',
    'Connection: upgrade\r\nUpgrade: websocket',
  ),
  fc
    .tuple(fc.stringMatching(/^[!-~]{1,12}$/), fc.uint8Array({ maxLength: 30 }))
    .map(([name, bytes]) => `${name}: ${Buffer.from(bytes).toString('latin1')}`),
);
const body = fc.constantFrom(
  '',
  '{"query":"{ __typename }"}',
  '5\r\nhello\r\n0\r\n\r\n',
  'zz\r\nbad\r\n',
  '0\r\n\r\nPOST /graphql HTTP/1.1\r\nHost: x\r\n\r\n',
  '{"query":',
);

/**
 * Bytes no HTTP client would send (CR/LF/NUL in headers, conflicting lengths, smuggling shapes,
 * bad request lines), on fresh sockets. The server may refuse or drop them, never 5xx or die.
 */
export function fuzzRawHttp(server: FuzzTarget, tally: FuzzTally, runsPerWorker: number) {
  return tally.run(
    'raw-http',
    fc.record({
      method: fc.constantFrom('GET', 'POST', 'OPTIONS', 'get', 'P\u0000ST', 'CONNECT', 'X'.repeat(100)),
      target,
      version: fc.constantFrom('HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1x', ''),
      headers: fc.array(headerLine, { maxLength: 5 }),
      body,
    }),
    async ({ method, target: path, version, headers, body }) => {
      const head = [`${method} ${path} ${version}`.trimEnd(), 'Host: 127.0.0.1', ...headers, 'Connection: close'].join('\r\n');
      const { statusLine } = await sendRaw(server.stack.server.port, Buffer.from(`${head}\r\n\r\n${body}`, 'latin1'), 500);
      return /^HTTP\/1\.[01] 5\d\d/.test(statusLine) ? [`answered ${statusLine}`] : [];
    },
    { runsPerWorker },
  );
}
