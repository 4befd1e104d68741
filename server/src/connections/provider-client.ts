import pRetry, { AbortError } from 'p-retry';
import type { z } from 'zod';
import type { CallLimiter, CallPolicy, ProviderCall, ProviderClient, RateLimitVerdict } from '../providers/calls.js';
import { ProviderHttpError, providerJson } from '../providers/provider-http.js';
import { RateLimitWaitTooLongError } from '../limits/index.js';
import type { StoredConnection } from '../store/index.js';
import { ReconnectRequiredError, type FreshConnections } from './fresh-connection.js';

export interface RetryTuning {
  /** Retries after the first attempt, for 429, 5xx and timeouts. */
  maxRetries: number;
  /** Full-jitter exponential backoff: wait random(0, min(cap, base * 2^attempt)). */
  backoffBaseMs: number;
  backoffCapMs: number;
  /** No single wait (Retry-After, a lock-out, backoff) is longer than this. */
  maxWaitMs: number;
  /** Longest wait for a free slot of our own rate limiter; beyond it the call fails at once. */
  maxQueueMs: number;
  /** Per provider request. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_TUNING: RetryTuning = {
  maxRetries: 6,
  backoffBaseMs: 500,
  backoffCapMs: 20_000,
  maxWaitMs: 60_000,
  maxQueueMs: 30_000,
  timeoutMs: 10_000,
};

const RETRIABLE = new Set([0, 429, 500, 502, 503, 504, 529]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How long to wait before retry `attempt` (1-based) after `error`. For a 429, the provider
 * module's reading of it (`verdict`: a documented window or lock-out) comes first, then the
 * provider's Retry-After, then full-jitter backoff.
 */
export function retryDelay(error: unknown, attempt: number, tuning: RetryTuning, verdict?: RateLimitVerdict): number {
  const backoff = Math.random() * Math.min(tuning.backoffCapMs, tuning.backoffBaseMs * 2 ** (attempt - 1));
  const jitter = Math.random() * tuning.backoffBaseMs;
  if (verdict?.retry && verdict.waitMs !== undefined) return Math.min(tuning.maxWaitMs, verdict.waitMs + jitter);
  if (error instanceof ProviderHttpError && error.status === 429 && error.retryAfterMs !== undefined)
    return Math.min(tuning.maxWaitMs, error.retryAfterMs + jitter);
  if (error instanceof ProviderHttpError && error.retryAfterMs !== undefined)
    return Math.min(tuning.maxWaitMs, Math.max(backoff, error.retryAfterMs));
  return Math.min(tuning.maxWaitMs, backoff);
}

export interface ClientDependencies {
  limiter: CallLimiter;
  connections: FreshConnections;
  fetch: typeof fetch;
  tuning: RetryTuning;
  /** The provider's call policy: how its 429 bodies are read (`providers/<id>/limits.ts`). */
  policy: CallPolicy;
}

/**
 * The one way data modules reach a provider: admitted by the shared rolling limiter, bearer
 * token added here (modules never see it), retried with backoff on 429/5xx/timeouts, refreshed
 * and retried once on 401. Errors keep the provider's message and status, never a token.
 */
export class ConnectionClient implements ProviderClient {
  #connection: StoredConnection;

  constructor(
    private readonly deps: ClientDependencies,
    connection: StoredConnection,
  ) {
    this.#connection = connection;
  }

  async json<T extends z.ZodType>(schema: T, call: ProviderCall): Promise<z.output<T>> {
    let refreshed = false;
    for (;;) {
      const connection = this.#connection;
      try {
        return await this.#withRetries(schema, call, connection.accessToken);
      } catch (error) {
        if (!(error instanceof ProviderHttpError) || error.status !== 401) throw error;
        // A second 401 with a token we just refreshed: the grant no longer reaches the data.
        if (refreshed) throw new ReconnectRequiredError('The provider refused a freshly refreshed token', { cause: error });
        this.#connection = await this.deps.connections.afterUnauthorized(connection);
        refreshed = true;
      }
    }
  }

  #withRetries<T extends z.ZodType>(schema: T, call: ProviderCall, accessToken: string): Promise<z.output<T>> {
    const { limiter, tuning, policy } = this.deps;
    // Per attempt, the provider module's verdict on the 429 that ended it.
    const verdicts = new Map<number, RateLimitVerdict>();
    let attempts = 0;
    const attempt = async () => {
      const number = ++attempts;
      try {
        await limiter.acquire(call.limits, { maxWaitMs: tuning.maxQueueMs });
      } catch (error) {
        // Our own budget is used up for longer than we may wait: retrying would only wait again.
        if (error instanceof RateLimitWaitTooLongError) throw new AbortError(error);
        throw error;
      }
      try {
        return await providerJson(schema, call.url, {
          method: call.method ?? 'GET',
          headers: {
            authorization: `Bearer ${accessToken}`,
            ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
            ...call.headers,
          },
          body: call.body === undefined ? undefined : JSON.stringify(call.body),
          fetch: this.deps.fetch,
          timeoutMs: tuning.timeoutMs,
        });
      } catch (error) {
        if (error instanceof ProviderHttpError && error.status === 429 && policy.rateLimited) {
          const verdict = policy.rateLimited(error, number);
          // Some 429s say retrying cannot help (a daily budget, a blocked connection).
          if (!verdict.retry) throw new AbortError(error);
          verdicts.set(number, verdict);
        }
        if (error instanceof ProviderHttpError && RETRIABLE.has(error.status)) throw error;
        throw new AbortError(error instanceof Error ? error : new Error(String(error)));
      }
    };
    return pRetry(attempt, {
      retries: tuning.maxRetries,
      // p-retry runs the loop; the wait is ours (full jitter, Retry-After, lock-outs).
      minTimeout: 0,
      maxTimeout: 0,
      randomize: false,
      onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
        if (retriesLeft > 0) await sleep(retryDelay(error, attemptNumber, tuning, verdicts.get(attemptNumber)));
      },
    }).catch((error: unknown) => {
      throw error instanceof AbortError ? error.originalError : error;
    });
  }
}
