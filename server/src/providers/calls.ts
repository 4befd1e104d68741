import type { z } from 'zod';

/**
 * How provider modules describe the calls they make. A module never sees a token and never
 * sends a data call itself: it describes the call, and the client it is handed (load/'s
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
 * Books calls against rate limits before they are sent: the store's rolling limiter, shared by
 * every instance (store/limits/). Calls a module sends itself (an account lookup at connect) book
 * their slot here.
 */
export interface CallLimiter {
  /**
   * Waits until every rule admits one more call, then books it. With `maxWaitMs`, gives up (the
   * store's RateLimitWaitTooLongError) as soon as the wait would pass it.
   */
  acquire(rules: readonly LimitRule[], options?: { maxWaitMs?: number }): Promise<void>;
}

/**
 * What a provider's 429 means, read by the provider module (its body names the limit): give up,
 * or retry after `waitMs` (a documented lock-out or window), or after the usual Retry-After and
 * backoff when `waitMs` is absent.
 */
export type RateLimitVerdict = { retry: false } | { retry: true; waitMs?: number };
