import type { z } from 'zod';
import type { ProviderHttpError } from './provider-http.js';

/**
 * How provider modules describe the calls they make. A module never sees a token and never
 * sends a data call itself: it describes the call, and the client it is handed (connections/'s
 * ConnectionClient) authenticates, rate-limits, retries and refreshes.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One published rate limit: at most `max` calls per rolling `windowMs` on `key`. */
export interface LimitRule {
  key: string;
  max: number;
  windowMs: number;
}

export interface ProviderCall {
  url: string;
  method?: 'GET' | 'POST';
  body?: Json;
  headers?: Record<string, string>;
  /** Every rule must admit the call before it is sent. */
  limits: LimitRule[];
}

/** Rate-limited, retrying, token-refreshing JSON calls to one connection's provider. */
export interface ProviderClient {
  json<T extends z.ZodType>(schema: T, call: ProviderCall): Promise<z.output<T>>;
}

/**
 * Books calls against rate limits before they are sent: the rolling limiter, shared by every
 * instance through the store's Redis (limits/). Calls a module sends itself (an account lookup at
 * connect) book their slot here.
 */
export interface CallLimiter {
  /**
   * Waits until every rule admits one more call, then books it. With `maxWaitMs`, gives up
   * (limits/'s RateLimitWaitTooLongError) as soon as the wait would pass it.
   */
  acquire(rules: readonly LimitRule[], options?: { maxWaitMs?: number }): Promise<void>;
}

/**
 * What a provider's 429 means, read by the provider module (its body names the limit): give up,
 * or retry after `waitMs` (a documented lock-out or window), or after the usual Retry-After and
 * backoff when `waitMs` is absent.
 */
export type RateLimitVerdict = { retry: false } | { retry: true; waitMs?: number };

/**
 * How a provider's calls are treated beyond the limit rules they book, declared beside those rules
 * (`providers/<id>/limits.ts`): every caller of the provider (the load client, the proxy) reads
 * its answers the same way.
 */
export interface CallPolicy {
  /**
   * How this provider's 429s are to be read; `attempt` is 1 for the first retry. Without it a 429
   * is retried after Retry-After or the usual backoff.
   */
  rateLimited?(error: ProviderHttpError, attempt: number): RateLimitVerdict;
}
