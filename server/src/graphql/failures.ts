import { NotConnectedError, ReconnectRequiredError } from '../connections/fresh-connection.js';
import { ProviderRateLimitedError } from '../connections/rate-limited.js';
import { ProviderNotConfiguredError } from '../connections/services.js';
import { IdentityLimitError, RateLimitWaitTooLongError } from '../limits/index.js';
import { CursorError } from '../load/cursor.js';
import { ConfirmationError } from '../oauth/confirm-connect.js';
import { StaleCursorError } from '../providers/item-source.js';
import { ProviderHttpError, ProviderResponseError } from '../providers/provider-http.js';
import { ProxyError, type ProxyErrorCode } from '../proxy/errors.js';
import { StoreUnavailableError } from '../store/index.js';
import { InvalidCursorError } from '../webhooks/delivery-queue.js';
import type { ErrorCode } from './generated/resolvers-types.js';
import { providerEnum } from './provider-enum.js';

/** What each code says when there is nothing more specific to say. */
export const MESSAGES: Record<ErrorCode, string> = {
  BAD_USER_INPUT: 'Invalid input.',
  UNAUTHENTICATED: 'Not authenticated.',
  FORBIDDEN: 'Not allowed.',
  PROVIDER_NOT_CONFIGURED: 'This provider is not configured on the server.',
  NOT_CONNECTED: 'Not connected to this provider.',
  RECONNECT_REQUIRED: 'The connection was revoked or expired at the provider; connect again.',
  PROVIDER_ERROR: 'The provider answered with an error.',
  PROVIDER_RATE_LIMITED: 'The provider is rate limiting; try again later.',
  STORE_UNAVAILABLE: 'Storage is temporarily unavailable; try again shortly.',
  RATE_LIMITED: 'Too many requests; slow down.',
  NOT_IMPLEMENTED: 'Not implemented yet.',
  GRAPHQL_PARSE_FAILED: 'The request is not valid GraphQL.',
  GRAPHQL_VALIDATION_FAILED: 'The request does not match the schema.',
  INTERNAL_SERVER_ERROR: 'Internal server error.',
};

/** The HTTP status of each code, where the API answers outside GraphQL (the provider proxy). */
const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PROVIDER_NOT_CONFIGURED: 501,
  NOT_CONNECTED: 404,
  RECONNECT_REQUIRED: 409,
  PROVIDER_ERROR: 502,
  PROVIDER_RATE_LIMITED: 429,
  STORE_UNAVAILABLE: 503,
  RATE_LIMITED: 429,
  NOT_IMPLEMENTED: 501,
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  INTERNAL_SERVER_ERROR: 500,
};

/** A failure as the API reports it: over GraphQL its code, message and extensions; over HTTP also its status and Retry-After. */
export interface Failure {
  code: ErrorCode;
  message: string;
  httpStatus: number;
  /** When a retry can succeed, in whole seconds (at least 1), when known. */
  retryAfterSeconds?: number;
  /** More for GraphQL clients (the rate-limited provider, when to retry). */
  extensions?: Record<string, unknown>;
}

/** Every code the proxy answers with is one of the API's ErrorCodes: this compiles only while that holds. */
const proxyCode = (code: ProxyErrorCode): ErrorCode => code;

const seconds = (ms: number | undefined) => (ms === undefined ? undefined : Math.max(1, Math.ceil(ms / 1000)));

export function failure(code: ErrorCode, message = MESSAGES[code], more: Partial<Omit<Failure, 'code' | 'message'>> = {}): Failure {
  return { code, message, httpStatus: HTTP_STATUS[code], ...more };
}

/** A provider's budget used up, by any route: which provider, and when to retry, when known. */
function budgetUsedUp(retryAfterMs: number | undefined, provider?: ProviderRateLimitedError['provider']): Failure {
  const retryAfterSeconds = seconds(retryAfterMs);
  const retry = retryAfterSeconds === undefined ? 'try again later' : `try again in ${retryAfterSeconds} s`;
  return failure('PROVIDER_RATE_LIMITED', `The provider's rate limit for this connection is used up; ${retry}.`, {
    retryAfterSeconds,
    ...(provider && {
      extensions: { provider: providerEnum(provider), ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) },
    }),
  });
}

/**
 * The one mapping from a failure raised below the API (store down, provider errors, not
 * connected, a used-up budget) to what clients see, for GraphQL and the HTTP routes alike;
 * null for anything unexpected, which the caller masks as INTERNAL_SERVER_ERROR and logs.
 * Messages never carry a token.
 */
export function describeFailure(error: unknown): Failure | null {
  if (error instanceof StoreUnavailableError) return failure('STORE_UNAVAILABLE');
  if (error instanceof ProviderNotConfiguredError) return failure('PROVIDER_NOT_CONFIGURED', error.message);
  if (error instanceof CursorError || error instanceof StaleCursorError || error instanceof InvalidCursorError)
    return failure('BAD_USER_INPUT', error.message);
  if (error instanceof NotConnectedError) return failure('NOT_CONNECTED');
  if (error instanceof ReconnectRequiredError) return failure('RECONNECT_REQUIRED');
  if (error instanceof IdentityLimitError) return failure('RATE_LIMITED', error.message);
  if (error instanceof ConfirmationError)
    return failure(error.problem === 'unknown' || error.problem === 'expired' ? 'BAD_USER_INPUT' : 'FORBIDDEN', error.message);
  if (error instanceof ProviderRateLimitedError) return budgetUsedUp(error.retryAfterMs, error.provider);
  if (error instanceof RateLimitWaitTooLongError) return budgetUsedUp(error.retryAfterMs);
  if (error instanceof ProviderHttpError) {
    // A 429 of a call the server made on its own (a refresh on the way): the provider names no budget of ours.
    if (error.status === 429) return failure('PROVIDER_RATE_LIMITED', undefined, { retryAfterSeconds: seconds(error.retryAfterMs) });
    return failure('PROVIDER_ERROR', `${MESSAGES.PROVIDER_ERROR} ${error.message}`);
  }
  if (error instanceof ProviderResponseError) return failure('PROVIDER_ERROR', `${MESSAGES.PROVIDER_ERROR} ${error.message}`);
  if (error instanceof ProxyError) return failure(proxyCode(error.code), error.message, { httpStatus: error.status });
  return null;
}
