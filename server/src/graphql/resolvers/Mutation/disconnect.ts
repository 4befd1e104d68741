import { disconnect as disconnectConnection } from '../../../oauth/disconnect.js';
import { resolveIdentity } from '../../resolve-identity.js';
import { providerId } from '../../provider-enum.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

export const disconnect: MutationResolvers['disconnect'] = async (_parent, args, context) =>
  disconnectConnection(context.oauth, resolveIdentity(context, args.identity, providerId(args.provider)), providerId(args.provider));
