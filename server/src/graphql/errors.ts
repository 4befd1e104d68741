import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { describeFailure, MESSAGES } from './failures.js';
import type { ErrorCode } from './generated/resolvers-types.js';

/** The one way resolvers fail on purpose: a stable code, a human message, the cause kept for logs. */
export function apiError(code: ErrorCode, message = MESSAGES[code], options: { cause?: unknown } = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code }, originalError: options.cause instanceof Error ? options.cause : undefined });
}

const PASS_THROUGH = new Set<string>(Object.keys(MESSAGES));

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
 * Apollo's formatError: known codes pass, domain errors get their code (failures.ts, the mapping
 * the HTTP routes share), everything else is masked to INTERNAL_SERVER_ERROR (details stay in the
 * server log). Stack traces and `originalError` never reach clients.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const base = { locations: formatted.locations, path: formatted.path };
  const known = describeFailure(unwrapResolverError(error));
  if (known) return { ...base, message: known.message, extensions: { code: known.code, ...known.extensions } };
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PASS_THROUGH.has(code) && code !== 'INTERNAL_SERVER_ERROR') {
    return { ...base, message: formatted.message, extensions: { code } };
  }
  if ((typeof code === 'string' && APOLLO_REQUEST_CODES.has(code)) || isClientHttpError(error)) {
    return { ...base, message: formatted.message, extensions: { code: 'BAD_USER_INPUT' } };
  }
  return { ...base, message: MESSAGES.INTERNAL_SERVER_ERROR, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
