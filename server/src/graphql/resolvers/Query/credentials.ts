import { resolveIdentity } from '../../identity.js';
import { providerEnum, providerId } from '../../provider-enum.js';
import type { QueryResolvers } from '../../generated/resolvers-types.js';

/** What the widget may know about a connection: status and account. The token is a separate, admin-only field. */
export const credentials: QueryResolvers['credentials'] = async (_parent, args, context) => {
  const provider = providerId(args.provider);
  const identity = resolveIdentity(context, args.identity, provider);
  const connection = await context.stores.connections.get({ ...identity, provider });
  if (!connection) return null;
  return {
    key: { ...identity, provider },
    provider: providerEnum(provider),
    status: connection.status,
    account: connection.account,
    scopes: connection.scopes,
    connectedAt: new Date(connection.connectedAt).toISOString(),
    expiresAt: connection.accessTokenExpiresAt === null ? null : new Date(connection.accessTokenExpiresAt).toISOString(),
  };
};
