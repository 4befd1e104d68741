import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/**
 * Which headers cross the proxy. Both ways: hop-by-hop headers (RFC 9110 7.6.1, plus any the
 * `Connection` header names) and credentials. Towards the provider also our own headers (admin
 * key, identity, request id), the caller's network facts and the body's length (the proxy sends
 * the body it read, with its own `Content-Length`). Back to the caller also the provider's
 * cookies and CORS, and `Alt-Svc` (it would advertise the provider's endpoints as ours); the
 * provider's request id is kept as `X-Provider-Request-Id`, beside ours.
 */
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-connection'];
const NEVER_FORWARDED = new Set([
  ...HOP_BY_HOP,
  'host',
  'authorization',
  'cookie',
  'content-length',
  'expect',
  'x-admin-key',
  'x-org-id',
  'x-user-id',
  'x-request-id',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-real-ip',
  'origin',
  'referer',
]);
const NEVER_RETURNED = new Set([
  ...HOP_BY_HOP,
  'set-cookie',
  'set-cookie2',
  'authorization',
  'www-authenticate',
  'proxy-authenticate',
  'alt-svc',
  'x-request-id',
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-headers',
  'access-control-allow-methods',
  'access-control-expose-headers',
  'access-control-max-age',
]);

/** Header names a `Connection` header lists: hop-by-hop for this one message. */
function namedByConnection(value: string | string[] | undefined): Set<string> {
  if (!value) return new Set();
  return new Set(
    (Array.isArray(value) ? value.join(',') : value)
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
  );
}

const isProxyHeader = (name: string) => name.startsWith('proxy-');

/**
 * The caller's headers the provider may see, plus the provider's required ones (e.g. an API
 * version) where the caller set none. `authorization` is added per attempt by the proxy.
 */
export function forwardedRequestHeaders(incoming: IncomingHttpHeaders, required: Readonly<Record<string, string>>): OutgoingHttpHeaders {
  const dropped = namedByConnection(incoming.connection);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || NEVER_FORWARDED.has(name) || isProxyHeader(name) || dropped.has(name)) continue;
    out[name] = value;
  }
  for (const [name, value] of Object.entries(required)) {
    const lower = name.toLowerCase();
    out[lower] ??= value;
  }
  return out;
}

/** The provider's response headers the caller may see. */
export function returnedResponseHeaders(incoming: IncomingHttpHeaders): Record<string, string | string[]> {
  const dropped = namedByConnection(incoming.connection);
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || NEVER_RETURNED.has(name) || isProxyHeader(name) || dropped.has(name)) continue;
    out[name] = value;
  }
  const providerRequestId = incoming['x-request-id'];
  if (typeof providerRequestId === 'string') out['x-provider-request-id'] = providerRequestId;
  return out;
}
