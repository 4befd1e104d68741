import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from '../logging/logger.js';
import type { GraphQLContext } from './context.js';
import { formatError } from './errors.js';

/**
 * formatError masks anything unexpected as INTERNAL_SERVER_ERROR for the client; this plugin is
 * where its details go instead: one error log line per masked error, with the request id.
 */
export function logUnexpectedErrors(fallback: Logger): ApolloServerPlugin<GraphQLContext> {
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
  };
  const started = Promise.resolve(listener);
  return {
    requestDidStart: () => started,
  };
}
