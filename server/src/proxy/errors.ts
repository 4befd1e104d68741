/**
 * Why the proxy answers itself instead of passing the provider's answer on. The codes are the
 * API's `ErrorCode` values (http/proxy-route.ts checks that at compile time), with the HTTP
 * status the proxy answers with.
 */
export type ProxyErrorCode = 'BAD_USER_INPUT' | 'PROVIDER_RATE_LIMITED' | 'PROVIDER_ERROR' | 'RECONNECT_REQUIRED';

export class ProxyError extends Error {
  override readonly name = 'ProxyError';
  constructor(
    readonly status: number,
    readonly code: ProxyErrorCode,
    message: string,
    options?: ErrorOptions & { retryAfterMs?: number },
  ) {
    super(message, options);
    this.retryAfterMs = options?.retryAfterMs;
  }

  /** For PROVIDER_RATE_LIMITED: when a retry can succeed, when known (sent as Retry-After). */
  readonly retryAfterMs: number | undefined;
}
