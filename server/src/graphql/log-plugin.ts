import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from '../logging/logger.js';
import type { GraphQLContext } from './context.js';
import { formatError } from './errors.js';

/** A GraphQL name (the spec's Name): what a client-sent operation name must look like to be logged. */
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/**
 * What GraphQL adds to the logs, in one listener:
 * - every request's access line gets the operation's name and the error codes its answer carries
 *   (`operation`, `errorCodes`), so a failing operation is found by name and code;
 * - formatError masks anything unexpected as INTERNAL_SERVER_ERROR for the client: its details go
 *   to one error line per masked error, with the request id.
 */
export function graphqlLogPlugin(fallback: Logger): ApolloServerPlugin<GraphQLContext> {
  // One listener for every request (it keeps no state): Apollo calls requestDidStart per request,
  // and an async function returning a fresh object literal was an allocation and a promise each time.
  const listener: GraphQLRequestListener<GraphQLContext> = {
    async didEncounterErrors({ errors, contextValue }) {
      // Errors raised before the context was built (a parse error) arrive without one.
      const log = (contextValue as GraphQLContext | undefined)?.logger ?? fallback;
      for (const error of errors) {
        const { extensions } = formatError({ message: error.message, extensions: error.extensions }, error);
        if (extensions?.code === 'INTERNAL_SERVER_ERROR')
          log.error({ err: unwrapResolverError(error), path: error.path }, 'unexpected GraphQL error');
      }
    },
    async willSendResponse({ contextValue, operationName, request, response }) {
      // The name of the operation that ran, or (when none did: a parse or validation failure) the
      // one the client asked for, if it is a GraphQL name at all.
      const operation =
        operationName ?? (request.operationName && OPERATION_NAME.test(request.operationName) ? request.operationName : null);
      const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
      // formatError gave every error a code of the schema's ErrorCode: never an object, never absent.
      const codeOf = ({ extensions }: { extensions?: Record<string, unknown> }) =>
        typeof extensions?.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';
      const errorCodes = errors && [...new Set(errors.map(codeOf))];
      if (!operation && !errorCodes?.length) return; // `{ __typename }`: nothing to add to its line
      (contextValue as GraphQLContext | undefined)?.recordOperation({
        ...(operation ? { operation } : {}),
        ...(errorCodes?.length ? { errorCodes } : {}),
      });
    },
  };
  const started = Promise.resolve(listener);
  return {
    requestDidStart: () => started,
  };
}
