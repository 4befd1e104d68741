import { credentialsModel } from '../../models.js';
import { resolveIdentity } from '../../resolve-identity.js';
import { providerId } from '../../provider-enum.js';
import type { QueryResolvers } from '../../generated/resolvers-types.js';

/** What the widget may know about a connection: status and account. The token is a separate, admin-only field. */
export const credentials: QueryResolvers['credentials'] = async (_parent, args, context) => {
  const provider = providerId(args.provider);
  const identity = resolveIdentity(context, args.identity, provider);
  const connection = await context.stores.connections.get({ ...identity, provider });
  return connection ? credentialsModel(connection) : null;
};
