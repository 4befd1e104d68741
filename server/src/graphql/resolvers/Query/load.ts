import { apiError } from '../../errors.js';
import { resolveIdentity } from '../../identity.js';
import type { QueryResolvers } from '../../generated/resolvers-types.js';

export const load: QueryResolvers['load'] = async (_parent, args, context) => {
  resolveIdentity(context, args.identity);
  throw apiError('NOT_IMPLEMENTED', 'Loading items is not implemented yet.');
};
