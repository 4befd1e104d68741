/**
 * Why the proxy answers itself instead of passing the provider's answer on. The codes are the
 * API's `ErrorCode` values (http/proxy-route.ts checks that at compile time), with the HTTP
 * status the proxy answers with.
 */
export type ProxyErrorCode = 'BAD_USER_INPUT' | 'PROVIDER_ERROR' | 'RECONNECT_REQUIRED';

/** A used-up rate limit is not one of these: the proxy raises connections/' ProviderRateLimitedError, as `load` does. */
export class ProxyError extends Error {
  override readonly name = 'ProxyError';
  constructor(
    readonly status: number,
    readonly code: ProxyErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
