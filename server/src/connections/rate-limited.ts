import { RateLimitWaitTooLongError } from '../limits/index.js';
import { ProviderHttpError } from '../providers/provider-http.js';
import type { ProviderId } from '../providers/registry.js';

/**
 * The provider's rate limit for this connection is used up for longer than the caller may wait, or
 * it kept answering 429 after every retry. `retryAfterMs`: when a slot frees up, when known.
 * What every reader of a provider (load, the proxy, and what comes after them) raises for it.
 */
export class ProviderRateLimitedError extends Error {
  override readonly name = 'ProviderRateLimitedError';
  constructor(
    readonly provider: ProviderId,
    readonly retryAfterMs: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(`The ${provider} rate limit for this connection is used up`, options);
  }
}

/** Both ways a provider's budget runs out, as one error that names the provider and when to retry; null for any other error. */
export function providerRateLimited(provider: ProviderId, error: unknown): ProviderRateLimitedError | null {
  if (error instanceof RateLimitWaitTooLongError) return new ProviderRateLimitedError(provider, error.retryAfterMs, { cause: error });
  if (error instanceof ProviderHttpError && error.status === 429)
    return new ProviderRateLimitedError(provider, error.retryAfterMs, { cause: error });
  return null;
}
