import { requireAdmin } from '../../resolve-identity.js';
import type { CredentialsResolvers } from '../../generated/resolvers-types.js';

/** Admin only. Refreshed first when near expiry, so server-side callers can use it right away. */
export const accessToken: CredentialsResolvers['accessToken'] = async (parent, _args, context) => {
  requireAdmin(context);
  const { orgId, userId, provider } = parent.key;
  const connection = await context.connections.get({ orgId, userId }, provider);
  return connection.accessToken;
};
