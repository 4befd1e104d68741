import { resolveIdentity } from '../../identity.js';
import { providerId } from '../../provider-enum.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

export const disconnect: MutationResolvers['disconnect'] = async (_parent, args, context) => {
  const identity = resolveIdentity(context, args.identity);
  return context.stores.connections.delete({ ...identity, provider: providerId(args.provider) });
};
