import { resolveIdentity } from '../../identity.js';
import { providerEnum, providerId } from '../../provider-enum.js';
import type { QueryResolvers } from '../../generated/resolvers-types.js';

/** What the widget may know about a connection: status and account, never a token. */
export const credentials: QueryResolvers['credentials'] = async (_parent, args, context) => {
  const identity = resolveIdentity(context, args.identity);
  const provider = providerId(args.provider);
  const connection = await context.stores.connections.get({ ...identity, provider });
  if (!connection) return null;
  return {
    provider: providerEnum(provider),
    status: connection.status,
    account: connection.account,
    scopes: connection.scopes,
    connectedAt: new Date(connection.connectedAt).toISOString(),
    expiresAt: connection.accessTokenExpiresAt === null ? null : new Date(connection.accessTokenExpiresAt).toISOString(),
  };
};
