import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { CursorError } from '../load/cursor.js';
import { NotConnectedError, ReconnectRequiredError } from '../connections/fresh-connection.js';
import { ProviderRateLimitedError } from '../connections/rate-limited.js';
import { ProviderNotConfiguredError } from '../connections/services.js';
import { ConfirmationError } from '../oauth/confirm-connect.js';
import { StaleCursorError } from '../providers/item-source.js';
import { ProviderHttpError, ProviderResponseError } from '../providers/provider-http.js';
import { IdentityLimitError, RateLimitWaitTooLongError } from '../limits/index.js';
import { StoreUnavailableError } from '../store/index.js';
import { InvalidCursorError } from '../webhooks/delivery-queue.js';
import type { ErrorCode } from './generated/resolvers-types.js';
import { providerEnum } from './provider-enum.js';

const HUMAN: Record<ErrorCode, string> = {
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

/** The one way resolvers fail on purpose: a stable code, a human message, the cause kept for logs. */
export function apiError(code: ErrorCode, message = HUMAN[code], options: { cause?: unknown } = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code }, originalError: options.cause instanceof Error ? options.cause : undefined });
}

/** Domain errors thrown below the resolvers, and the code, message and extra extensions clients see for them. */
function classify(error: unknown): { code: ErrorCode; message: string; extensions?: Record<string, unknown> } | null {
  if (error instanceof StoreUnavailableError) return { code: 'STORE_UNAVAILABLE', message: HUMAN.STORE_UNAVAILABLE };
  if (error instanceof ProviderNotConfiguredError) return { code: 'PROVIDER_NOT_CONFIGURED', message: error.message };
  if (error instanceof CursorError || error instanceof StaleCursorError || error instanceof InvalidCursorError)
    return { code: 'BAD_USER_INPUT', message: error.message };
  if (error instanceof NotConnectedError) return { code: 'NOT_CONNECTED', message: HUMAN.NOT_CONNECTED };
  if (error instanceof ReconnectRequiredError) return { code: 'RECONNECT_REQUIRED', message: HUMAN.RECONNECT_REQUIRED };
  if (error instanceof IdentityLimitError) return { code: 'RATE_LIMITED', message: error.message };
  if (error instanceof ConfirmationError) {
    return { code: error.problem === 'unknown' || error.problem === 'expired' ? 'BAD_USER_INPUT' : 'FORBIDDEN', message: error.message };
  }
  if (error instanceof ProviderRateLimitedError) {
    const seconds = error.retryAfterMs === undefined ? undefined : Math.max(1, Math.ceil(error.retryAfterMs / 1000));
    const retry = seconds === undefined ? 'try again later' : `try again in ${seconds} s`;
    return {
      code: 'PROVIDER_RATE_LIMITED',
      message: `The provider's rate limit for this connection is used up; ${retry}.`,
      extensions: { provider: providerEnum(error.provider), ...(seconds === undefined ? {} : { retryAfterSeconds: seconds }) },
    };
  }
  if (error instanceof RateLimitWaitTooLongError) {
    const retry = error.retryAfterMs === undefined ? 'try again later' : `try again in ${Math.ceil(error.retryAfterMs / 1000)} s`;
    return { code: 'PROVIDER_RATE_LIMITED', message: `The provider's rate limit for this connection is used up; ${retry}.` };
  }
  if (error instanceof ProviderHttpError) {
    if (error.status === 429) return { code: 'PROVIDER_RATE_LIMITED', message: HUMAN.PROVIDER_RATE_LIMITED };
    return { code: 'PROVIDER_ERROR', message: `${HUMAN.PROVIDER_ERROR} ${error.message}` };
  }
  if (error instanceof ProviderResponseError) return { code: 'PROVIDER_ERROR', message: `${HUMAN.PROVIDER_ERROR} ${error.message}` };
  return null;
}

const PASS_THROUGH = new Set<string>(Object.keys(HUMAN));

// Apollo's own request-level refusals (malformed body, variables not an object, batch or GET
// without preflight, unknown operationName, persisted queries) are the client's fault, not ours.
const APOLLO_REQUEST_CODES = new Set([
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);
// Apollo marks some code-less refusals only by their HTTP status (e.g. a bad persistedQuery version).
const isClientHttpError = (error: unknown) => {
  const status = (error as { extensions?: { http?: { status?: unknown } } } | null)?.extensions?.http?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
};

/** graphql-js's "Did you mean …?" (fields, arguments, types, enum values, in validation and in variables). */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * formatError, optionally without suggestions: outside development they would hand a stranger
 * the schema piece by piece (graphql-armor only masks some of them, and only in validation).
 */
export function errorFormatter(options: { hideSuggestions: boolean }) {
  return function formatErrorForClients(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    const result = formatError(formatted, error);
    return options.hideSuggestions ? { ...result, message: result.message.replace(SUGGESTION, '') } : result;
  };
}

/**
 * Apollo's formatError: known codes pass, domain errors get their code, everything else is
 * masked to INTERNAL_SERVER_ERROR (details stay in the server log). Stack traces and
 * `originalError` never reach clients.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const base = { locations: formatted.locations, path: formatted.path };
  const known = classify(unwrapResolverError(error));
  if (known) return { ...base, message: known.message, extensions: { code: known.code, ...known.extensions } };
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PASS_THROUGH.has(code) && code !== 'INTERNAL_SERVER_ERROR') {
    return { ...base, message: formatted.message, extensions: { code } };
  }
  if ((typeof code === 'string' && APOLLO_REQUEST_CODES.has(code)) || isClientHttpError(error)) {
    return { ...base, message: formatted.message, extensions: { code: 'BAD_USER_INPUT' } };
  }
  return { ...base, message: HUMAN.INTERNAL_SERVER_ERROR, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
