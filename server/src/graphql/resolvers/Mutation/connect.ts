import { apiError } from '../../errors.js';
import { resolveIdentity } from '../../identity.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

export const connect: MutationResolvers['connect'] = async (_parent, args, context) => {
  resolveIdentity(context, args.identity);
  throw apiError('NOT_IMPLEMENTED', 'Connecting is not implemented yet.');
};
