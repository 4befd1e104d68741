import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { StoreUnavailableError } from '../store/key-value-store.js';
import type { ErrorCode } from './generated/resolvers-types.js';

export type { ErrorCode };

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

const PASS_THROUGH = new Set<string>(Object.keys(HUMAN));

/**
 * Apollo's formatError: known codes pass, a store outage becomes STORE_UNAVAILABLE, everything
 * else is masked to INTERNAL_SERVER_ERROR (details stay in the server log). Stack traces and
 * `originalError` never reach clients.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const code = formatted.extensions?.code;
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  if (original instanceof StoreUnavailableError) {
    return { ...base, message: HUMAN.STORE_UNAVAILABLE, extensions: { code: 'STORE_UNAVAILABLE' } };
  }
  if (typeof code === 'string' && PASS_THROUGH.has(code) && code !== 'INTERNAL_SERVER_ERROR') {
    return { ...base, extensions: { code } };
  }
  return { ...base, message: HUMAN.INTERNAL_SERVER_ERROR, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
