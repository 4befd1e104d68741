import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface UpstreamRequest {
  url: URL;
  method: string;
  headers: OutgoingHttpHeaders;
  body: Buffer | null;
  /** Longest silence (no byte either way) before the exchange is abandoned: the provider timeout. */
  timeoutMs: number;
}

/** The provider sent nothing within the timeout. */
export class UpstreamTimeoutError extends Error {
  override readonly name = 'UpstreamTimeoutError';
}

/** No answer could be had: refused, reset, DNS, TLS. */
export class UpstreamUnreachableError extends Error {
  override readonly name = 'UpstreamUnreachableError';
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

const AGENT_OPTIONS = {
  keepAlive: true,
  // Idle sockets are closed before the usual 5 s server keep-alive timeout can race a reuse.
  timeout: 4_000,
  maxSockets: 512,
  maxFreeSockets: 128,
  scheduling: 'lifo',
} as const;

/**
 * Raw HTTP/1.1 to providers over keep-alive agents (one TCP/TLS connection serves many proxied
 * calls). node:http rather than fetch: the bytes pass through untouched (no decompression, so a
 * compressed answer keeps its Content-Encoding and length), both bodies stay streams, and there
 * is no per-request WHATWG Request/Headers/ReadableStream layer.
 */
export class Upstream {
  readonly #http = new HttpAgent(AGENT_OPTIONS);
  readonly #https = new HttpsAgent(AGENT_OPTIONS);

  /** Resolves with the provider's response (its body not read yet). */
  async send(request: UpstreamRequest): Promise<IncomingMessage> {
    try {
      return await this.#sendOnce(request);
    } catch (error) {
      // A pooled socket the provider closed just as we reused it. Sent again only where repeating
      // is harmless (RFC 9110 idempotent methods): a reset cannot prove the provider did nothing.
      const reused = (error as { cause?: { reused?: boolean } }).cause?.reused === true;
      if (error instanceof UpstreamUnreachableError && reused && IDEMPOTENT.has(request.method)) return this.#sendOnce(request);
      throw error;
    }
  }

  #sendOnce({ url, method, headers, body, timeoutMs }: UpstreamRequest): Promise<IncomingMessage> {
    const https = url.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const outgoing = (https ? httpsRequest : httpRequest)({
        protocol: url.protocol,
        // `[::1]` in a URL, `::1` to the socket.
        hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method,
        headers: body === null ? headers : { ...headers, 'content-length': body.length },
        agent: https ? this.#https : this.#http,
      });
      outgoing.setTimeout(timeoutMs, () =>
        outgoing.destroy(new UpstreamTimeoutError(`The provider did not answer within ${timeoutMs} ms`)),
      );
      outgoing.once('response', resolve);
      outgoing.once('error', (error) => {
        if (error instanceof UpstreamTimeoutError) {
          reject(error);
          return;
        }
        const reused = outgoing.reusedSocket && (error as NodeJS.ErrnoException).code === 'ECONNRESET';
        reject(new UpstreamUnreachableError('The provider could not be reached', { cause: Object.assign(error, { reused }) }));
      });
      outgoing.end(body ?? undefined);
    });
  }

  /** Closes the pooled sockets (server shutdown). */
  close(): void {
    this.#http.destroy();
    this.#https.destroy();
  }
}
