import { MAX_SEALED_CURSOR_LENGTH } from '../../../store/index.js';
import { connectionModel } from '../../models.js';
import { pagingRule } from '../../paging.js';
import { providerId } from '../../provider-enum.js';
import { resolveListFilter } from '../../resolve-identity.js';
import type { QueryResolvers } from '../../generated/resolvers-types.js';

const paging = pagingRule({
  defaultFirst: 20,
  maxFirst: 100,
  maxAfterLength: MAX_SEALED_CURSOR_LENGTH,
  invalidAfter: 'This cursor is not valid for these filters.',
});

/** A page of connections from the store's index, for the admin (any filters) or one identity (its own). */
export const connections: QueryResolvers['connections'] = async (_parent, args, context) => {
  const filter = resolveListFilter(context, {
    orgId: args.orgId,
    userId: args.userId,
    ...(args.provider ? { provider: providerId(args.provider) } : {}),
  });
  const { first, after } = paging(args);
  const member = after === null ? null : context.connectionCursors.open(filter, after);
  const page = await context.stores.connections.list(filter, member, first);
  const edges = page.connections.map(({ member, connection }) => ({
    cursor: context.connectionCursors.seal(filter, member),
    node: connectionModel(connection),
  }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
};
