import { apiError } from '../../errors.js';
import { connectionModel } from '../../models.js';
import { providerId } from '../../provider-enum.js';
import { resolveListFilter } from '../../resolve-identity.js';
import type { QueryResolvers } from '../../generated/resolvers-types.js';

const DEFAULT_FIRST = 20;
const MAX_FIRST = 100;

/** A page of connections from the store's index, for the admin (any filters) or one identity (its own). */
export const connections: QueryResolvers['connections'] = async (_parent, args, context) => {
  const filter = resolveListFilter(context, {
    orgId: args.orgId,
    userId: args.userId,
    ...(args.provider ? { provider: providerId(args.provider) } : {}),
  });
  const first = args.first ?? DEFAULT_FIRST;
  if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST)
    throw apiError('BAD_USER_INPUT', `first must be between 1 and ${MAX_FIRST}.`);
  const after = args.after === null || args.after === undefined ? null : context.connectionCursors.open(filter, args.after);
  const page = await context.stores.connections.list(filter, after, first);
  const edges = page.connections.map(({ member, connection }) => ({
    cursor: context.connectionCursors.seal(filter, member),
    node: connectionModel(connection),
  }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
};
