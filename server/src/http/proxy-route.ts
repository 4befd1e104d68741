import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { Context, Middleware } from 'koa';
import type { IdentifyCaller } from '../auth/caller.js';
import type { Identity } from '../auth/identity.js';
import type { Config } from '../config/env.js';
import { describeFailure, failure, type Failure } from '../graphql/failures.js';
import type { ErrorCode } from '../graphql/generated/resolvers-types.js';
import { identitySchema } from '../graphql/resolve-identity.js';
import { providerIdSchema } from '../providers/registry.js';
import type { ProviderProxy } from '../proxy/provider-proxy.js';
import type { RequestState } from './request-context.js';
import { applySecurityHeaders } from './security-headers.js';

export const PROXY_PREFIX = '/proxy/';
const ORG_HEADER = 'x-org-id';
const USER_HEADER = 'x-user-id';

/** A refusal of the route itself (who is asking, for whom), before anything reaches the proxy. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Errors of ours as the API names them, the same codes and messages GraphQL answers with; the message never carries a token. */
function ourError(error: unknown): Failure | null {
  if (error instanceof Refusal) return failure(error.code, error.message, { httpStatus: error.status });
  return describeFailure(error);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** One header, sent exactly once, as UTF-8 (Node hands header bytes over as latin1 characters). */
function singleHeader(request: IncomingMessage, name: string): string {
  const values = request.headersDistinct[name];
  if (!values?.length) throw new Refusal(400, 'BAD_USER_INPUT', `The ${name} header is required.`);
  if (values.length > 1) throw new Refusal(400, 'BAD_USER_INPUT', `The ${name} header must be sent once.`);
  try {
    return utf8.decode(Buffer.from(values[0]!, 'latin1'));
  } catch {
    throw new Refusal(400, 'BAD_USER_INPUT', `The ${name} header is not UTF-8.`);
  }
}

/** The identity the call acts for, validated by the schema every entry point uses. */
function identityOf(request: IncomingMessage): Identity {
  const parsed = identitySchema.safeParse({ orgId: singleHeader(request, ORG_HEADER), userId: singleHeader(request, USER_HEADER) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const header = issue?.path[0] === 'orgId' ? 'X-Org-Id' : 'X-User-Id';
    throw new Refusal(400, 'BAD_USER_INPUT', `${header} ${issue?.message ?? 'is invalid'}`);
  }
  return parsed.data;
}

/** The request body, read as it arrives and refused (413) at the first byte past the limit; null when none was sent. */
async function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  const declared = request.headers['content-length'];
  if (declared === undefined && request.headers['transfer-encoding'] === undefined) return null;
  const tooLarge = () => new Refusal(413, 'BAD_USER_INPUT', `The request body is larger than PROXY_MAX_BODY_BYTES (${maxBytes}).`);
  if (declared !== undefined && Number(declared) > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/**
 * Writes the provider's answer straight to the socket, as it arrives. Not through Koa's response
 * (a stream pipeline, an AbortController and its DOMException per request: about 4% of a proxied
 * call's CPU in bench/proxy.ts), so the security headers are set here, before the head goes out.
 * Resolves once the answer is sent or cut (a failed body cuts the connection: the status is out).
 * A body-less answer (HEAD, 204, 304) is its head alone.
 */
function streamBack(ctx: Context, body: Readable | null, onCut: (reason: string) => void): Promise<void> {
  ctx.respond = false;
  applySecurityHeaders(ctx);
  const response = ctx.res;
  // Koa's default for an unset type is not sent (the provider's own, or none).
  response.writeHead(ctx.status);
  // HEAD, 204, 304: the provider's head alone, its Content-Length included (Koa would set its own).
  if (!body) {
    response.end();
    return Promise.resolve();
  }
  return new Promise<void>((resolve) => {
    body.once('error', (error: Error) => {
      onCut(error.message);
      response.destroy();
    });
    response.once('close', () => {
      if (!response.writableFinished) body.destroy();
      resolve();
    });
    body.pipe(response);
  });
}

export interface ProxyRouteDependencies {
  config: Pick<Config, 'adminApiKey' | 'proxy'>;
  proxy: ProviderProxy;
  identifyCaller: IdentifyCaller;
}

/**
 * `/proxy/{provider}/{path}`, any method: a server-side client with the admin key calls the
 * provider's API for the identity in X-Org-Id / X-User-Id without ever handling its tokens. The
 * provider's status, headers (filtered) and body come back as it sent them; errors of ours are
 * `{ "error": { "code", "message" } }` with the API's ErrorCode. One log line per call, the
 * request's access line (method, path, status, duration) with the proxy's fields: provider, the
 * query's parameter names (never its values), provider calls made, whether a refresh happened.
 */
export function providerProxyRoute({ config, proxy, identifyCaller }: ProxyRouteDependencies): Middleware<RequestState> {
  async function requireAdmin(adminKey: string, authorization: string): Promise<void> {
    if (!config.adminApiKey) throw new Refusal(403, 'FORBIDDEN', 'The provider proxy is off: this server has no ADMIN_API_KEY.');
    if (!adminKey) {
      if (authorization)
        throw new Refusal(
          403,
          'FORBIDDEN',
          'The provider proxy is for server-side clients with the admin key; a session token cannot use it.',
        );
      throw new Refusal(401, 'UNAUTHENTICATED', 'The admin key (X-Admin-Key) is required.');
    }
    if ((await identifyCaller({ adminKey })).kind !== 'admin') throw new Refusal(401, 'UNAUTHENTICATED', 'The admin key is invalid.');
  }

  return async function providerProxyMiddleware(ctx, next) {
    if (!ctx.path.startsWith(PROXY_PREFIX)) {
      await next();
      return;
    }
    const rest = ctx.path.slice(PROXY_PREFIX.length);
    const slash = rest.indexOf('/');
    const provider = slash < 0 ? rest : rest.slice(0, slash);
    const path = slash < 0 ? '' : rest.slice(slash + 1);
    let attempts = 0;
    let refreshed = false;
    try {
      await requireAdmin(ctx.get('x-admin-key'), ctx.get('authorization'));
      const known = providerIdSchema.safeParse(provider);
      if (!known.success) throw new Refusal(404, 'BAD_USER_INPUT', 'Unknown provider.');
      const identity = identityOf(ctx.req);
      const url = proxy.target(known.data, path, ctx.querystring);
      const body = await readBody(ctx.req, config.proxy.maxBodyBytes);
      const answer = await proxy.forward({ provider: known.data, identity, method: ctx.method, path, url, headers: ctx.req.headers, body });
      ({ attempts, refreshed } = answer);
      ctx.status = answer.status;
      for (const [name, value] of Object.entries(answer.headers)) ctx.set(name, value);
      await streamBack(ctx, answer.body, (reason) =>
        ctx.state.log.warn({ provider, code: 'PROVIDER_ERROR', reason }, 'proxied answer cut off'),
      );
    } catch (error) {
      const ours = ourError(error);
      if (!ours) ctx.state.log.error({ err: error, provider }, 'proxied call failed');
      const { httpStatus, code, message, retryAfterSeconds } = ours ?? failure('INTERNAL_SERVER_ERROR');
      ctx.status = httpStatus;
      ctx.body = { error: { code, message } };
      if (retryAfterSeconds !== undefined) ctx.set('Retry-After', String(retryAfterSeconds));
      // The rest of a refused body is not read: the connection cannot be reused.
      if (httpStatus === 413) ctx.set('Connection', 'close');
    } finally {
      // Folded into the request's access line (one line per call, not two: about 8% of a proxied call's CPU).
      ctx.state.proxied = { provider, query: [...new URLSearchParams(ctx.querystring).keys()].slice(0, 20), attempts, refreshed };
    }
  };
}
