import { logEvent } from '../../../logging/events.js';
import { disconnect as disconnectConnection } from '../../../oauth/disconnect.js';
import { resolveIdentity } from '../../resolve-identity.js';
import { providerId } from '../../provider-enum.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

export const disconnect: MutationResolvers['disconnect'] = async (_parent, args, context) => {
  const provider = providerId(args.provider);
  const identity = resolveIdentity(context, args.identity, provider);
  const removed = await disconnectConnection(context.oauth, identity, provider);
  if (removed) logEvent(context.logger, { event: 'connection.disconnected', provider, who: identity });
  return removed;
};
