import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import type { TestServer } from './test-server.js';

/** The admin key the proxy tests configure (at least 32 characters, not one repeated). */
export const PROXY_ADMIN_KEY = 'proxy-test-admin-key-0123456789abcdef';

export interface ProxiedAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body as JSON, when it is JSON. */
  json: unknown;
  /** Our own error, when the proxy answered one: `{ error: { code, message } }`. */
  code: string | null;
}

export interface ProxyCallOptions {
  identity?: { orgId: string; userId: string } | null;
  method?: string;
  /** Sent as they are (after the defaults: the admin key and the identity). */
  headers?: Record<string, string | string[]>;
  /** false: no X-Admin-Key. */
  adminKey?: string | false;
  body?: string | Buffer;
}

function answerOf(response: IncomingMessage, raw: Buffer): ProxiedAnswer {
  const text = raw.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const code = (json as { error?: { code?: unknown } } | null)?.error?.code;
  return { status: response.statusCode ?? 0, headers: response.headers, text, json, code: typeof code === 'string' ? code : null };
}

/**
 * One call to `/proxy/...` with node:http, the request target sent exactly as written (fetch
 * would normalise `..` and encodings away before anything reached the server).
 */
export function proxyCall(server: TestServer, target: string, options: ProxyCallOptions = {}): Promise<ProxiedAnswer> {
  const headers: Record<string, string | string[]> = {};
  if (options.adminKey !== false) headers['x-admin-key'] = options.adminKey ?? PROXY_ADMIN_KEY;
  if (options.identity) {
    headers['x-org-id'] = options.identity.orgId;
    headers['x-user-id'] = options.identity.userId;
  }
  Object.assign(headers, options.headers);
  if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port: server.port, path: target, method: options.method ?? 'GET', headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(answerOf(response, Buffer.concat(chunks))));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/**
 * Bytes written straight to the socket, for what no HTTP client sends (CR/LF, raw control
 * characters in the request target). Resolves with the status line's code (0 if none came back).
 */
export function rawRequest(server: TestServer, head: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = connect(server.port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
    });
    socket.on('error', () => resolve(0));
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0)));
    socket.write(Buffer.from(head, 'latin1'));
    setTimeout(() => socket.end(), 500);
  });
}

export interface RecordedRequest {
  method: string;
  /** The request target as it arrived (path and query). */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Upstream {
  url: string;
  requests: RecordedRequest[];
  /** What the next requests are answered with; the default answers `{"ok":true}` with a few headers to strip. */
  respond(handler: (request: RecordedRequest, response: ServerResponse) => void): void;
  close(): Promise<void>;
}

/** Answers like a provider would, plus headers the proxy must never pass back. */
export function defaultUpstreamAnswer(_request: RecordedRequest, response: ServerResponse): void {
  const body = JSON.stringify({ ok: true });
  response.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'set-cookie': 'provider-session=secret; HttpOnly',
    'x-request-id': 'provider-request-1',
    'x-provider-fact': 'kept',
    'alt-svc': 'h3=":443"',
    'access-control-allow-origin': '*',
    'proxy-authenticate': 'Basic',
  });
  response.end(body);
}

/** A recording stand-in for a provider API (headers, bodies, exact request targets). */
export async function startUpstream(): Promise<Upstream> {
  const requests: RecordedRequest[] = [];
  let handler = defaultUpstreamAnswer;
  const server: Server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const recorded = { method: incoming.method ?? '', url: incoming.url ?? '', headers: incoming.headers, body: Buffer.concat(chunks) };
      requests.push(recorded);
      handler(recorded, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respond: (next) => {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
