import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { Transform, pipeline, type Readable } from 'node:stream';
import type { Identity } from '../auth/identity.js';
import type { Config } from '../config/env.js';
import type { FreshConnections } from '../connections/fresh-connection.js';
import { retryDelay, type RetryTuning } from '../connections/provider-client.js';
import { providerRateLimited, ProviderRateLimitedError } from '../connections/rate-limited.js';
import type { CallLimiter, RateLimitVerdict } from '../providers/calls.js';
import { describeProviderError, parseRetryAfter, ProviderHttpError } from '../providers/provider-http.js';
import { providerModule, PROVIDER_IDS, type ProviderId } from '../providers/registry.js';
import type { StoredConnection } from '../store/index.js';
import { ProxyError } from './errors.js';
import { forwardedRequestHeaders, returnedResponseHeaders } from './headers.js';
import { ProxyTarget } from './target.js';
import { Upstream, UpstreamTimeoutError } from './upstream.js';

/** A 429's body is read (to learn which limit it names) up to this much; the rest is dropped. */
const MAX_RATE_LIMIT_BODY_BYTES = 64 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ProxyDependencies {
  config: Config;
  connections: FreshConnections;
  limiter: CallLimiter;
  /** The provider client's timeouts and retry waits (the same tuning `load` runs with). */
  tuning: RetryTuning;
}

export interface ProxyRequest {
  provider: ProviderId;
  identity: Identity;
  method: string;
  /** The part after `/proxy/<provider>/`, as sent, and the URL `target()` made of it. */
  path: string;
  url: URL;
  headers: IncomingHttpHeaders;
  /** null: the caller sent no body. */
  body: Buffer | null;
}

export interface ProxyAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  /** null for answers without a body (HEAD, 204, 304). */
  body: Readable | null;
  /** Provider calls made (a refresh-and-retry or a waited-out 429 make more than one). */
  attempts: number;
  refreshed: boolean;
}

/**
 * `/proxy/{provider}/{path}`: one caller request forwarded to the provider's configured API with
 * the connection's access token, through the same pieces `load` uses: the fresh-connection path
 * (a near-expiry token is refreshed first; a 401 refreshes once and retries once), the shared
 * rolling limiter with the provider module's limit rules (loads and proxied calls of a
 * connection spend one budget), and the provider client's reading of 429s (the provider's call
 * policy, Retry-After, full-jitter backoff). Other answers, errors included, go back as the provider sent
 * them; 5xx and timeouts are not retried (only the caller knows whether its call is idempotent).
 */
export class ProviderProxy {
  readonly #upstream = new Upstream();
  readonly #targets: ReadonlyMap<ProviderId, ProxyTarget>;

  constructor(private readonly deps: ProxyDependencies) {
    this.#targets = new Map(PROVIDER_IDS.map((id) => [id, new ProxyTarget(deps.config.providers[id].apiUrl)]));
  }

  /** The URL a proxied path reaches; refuses (ProxyError 400) anything that would leave the provider's API. */
  target(provider: ProviderId, path: string, query: string): URL {
    const target = this.#targets.get(provider);
    if (!target) throw new Error(`No proxy target for ${provider}`);
    return target.resolve(path, query);
  }

  async forward(request: ProxyRequest): Promise<ProxyAnswer> {
    const { provider, identity, method, path, url, body } = request;
    const { proxy, calls } = providerModule(provider);
    const endpoints = this.deps.config.providers[provider];
    const { tuning } = this.deps;
    const headers = forwardedRequestHeaders(request.headers, proxy.requiredHeaders);
    const deadline = performance.now() + tuning.maxQueueMs;

    let connection: StoredConnection = await this.deps.connections.get(identity, provider);
    let refreshed = false;
    let rateLimitedAnswers = 0;
    for (let attempts = 1; ; attempts++) {
      const facts = { account: connection.account, metadata: connection.metadata };
      await this.#book(provider, proxy.limits(path, facts, endpoints), deadline);
      const response = await this.#send(url, method, { ...headers, authorization: `Bearer ${connection.accessToken}` }, body);
      const status = response.statusCode ?? 502;

      if (status === 401) {
        response.resume();
        // A second 401 with a token we just refreshed: the grant no longer reaches the data (as for `load`).
        if (refreshed) throw new ProxyError(409, 'RECONNECT_REQUIRED', 'The provider refused a freshly refreshed token; connect again.');
        connection = await this.deps.connections.afterUnauthorized(connection);
        refreshed = true;
        continue;
      }
      if (status === 429) {
        const error = await rateLimitError(response);
        rateLimitedAnswers++;
        const verdict: RateLimitVerdict | undefined = calls.rateLimited?.(error, rateLimitedAnswers);
        const wait = retryDelay(error, rateLimitedAnswers, tuning, verdict);
        // Some 429s say retrying cannot help (a daily budget, a blocked connection); others only after a wait we may not take.
        if (verdict?.retry === false || rateLimitedAnswers > tuning.maxRetries || performance.now() + wait > deadline) {
          const retryAfterMs = verdict?.retry === false ? error.retryAfterMs : Math.max(wait, error.retryAfterMs ?? 0);
          throw new ProviderRateLimitedError(provider, retryAfterMs, { cause: error });
        }
        await sleep(wait);
        continue;
      }
      return {
        status,
        headers: returnedResponseHeaders(response.headers),
        body: this.#limited(method, status, response),
        attempts,
        refreshed,
      };
    }
  }

  /** Books one call on every rule, waiting at most until `deadline`; past it the caller gets our 429 at once. */
  async #book(provider: ProviderId, rules: Parameters<CallLimiter['acquire']>[0], deadline: number): Promise<void> {
    try {
      await this.deps.limiter.acquire(rules, { maxWaitMs: Math.max(0, deadline - performance.now()) });
    } catch (error) {
      throw providerRateLimited(provider, error) ?? error;
    }
  }

  async #send(url: URL, method: string, headers: OutgoingHttpHeaders, body: Buffer | null): Promise<IncomingMessage> {
    try {
      return await this.#upstream.send({ url, method, headers, body, timeoutMs: this.deps.tuning.timeoutMs });
    } catch (error) {
      if (error instanceof UpstreamTimeoutError) throw new ProxyError(504, 'PROVIDER_ERROR', error.message, { cause: error });
      throw new ProxyError(502, 'PROVIDER_ERROR', 'The provider could not be reached.', { cause: error });
    }
  }

  /**
   * The provider's body as a stream of at most PROXY_MAX_RESPONSE_BYTES. A declared length above
   * it is refused before anything is sent; an undeclared one is counted, and the stream fails
   * (the caller's connection is cut) at the first byte past it.
   */
  #limited(method: string, status: number, response: IncomingMessage): Readable | null {
    if (method === 'HEAD' || status === 204 || status === 304) {
      response.resume();
      return null;
    }
    const max = this.deps.config.proxy.maxResponseBytes;
    const declared = Number(response.headers['content-length']);
    if (response.headers['content-length'] !== undefined && Number.isFinite(declared)) {
      if (declared > max) {
        response.destroy();
        throw new ProxyError(
          502,
          'PROVIDER_ERROR',
          `The provider's answer (${declared} bytes) is larger than PROXY_MAX_RESPONSE_BYTES (${max}).`,
        );
      }
      // The HTTP parser holds the provider to its declared length: nothing to count.
      return response;
    }
    let seen = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        seen += chunk.length;
        if (seen > max) done(new ResponseTooLargeError(max));
        else done(null, chunk);
      },
    });
    return pipeline(response, counter, () => {});
  }

  close(): void {
    this.#upstream.close();
  }
}

/** The provider's answer passed PROXY_MAX_RESPONSE_BYTES while it was streamed. */
export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`The provider's answer is larger than PROXY_MAX_RESPONSE_BYTES (${maxBytes})`);
  }
}

/** A 429 as the provider client sees one, so the provider's call policy and the retry policy read it the same way. */
async function rateLimitError(response: IncomingMessage): Promise<ProviderHttpError> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_RATE_LIMIT_BODY_BYTES) {
      response.destroy();
      break;
    }
    chunks.push(chunk);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    body = undefined;
  }
  const { message, code } = describeProviderError(body);
  const retryAfter = response.headers['retry-after'];
  return new ProviderHttpError(message ?? 'The provider answered HTTP 429', 429, code, {
    retryAfterMs: parseRetryAfter(typeof retryAfter === 'string' ? retryAfter : null),
    body,
  });
}
