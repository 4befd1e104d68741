import { z } from 'zod';
import { logEvent } from '../../../logging/events.js';
import { confirmConnect as confirmPendingGrant } from '../../../oauth/confirm-connect.js';
import { apiError } from '../../errors.js';
import { resolveIdentity } from '../../resolve-identity.js';
import { credentialsModel } from '../../models.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

const attemptId = z.string().regex(/^[\w-]{16,64}$/);

/** The page that asked turns the consent its browser approved into the identity's connection. */
export const confirmConnect: MutationResolvers['confirmConnect'] = async (_parent, args, context) => {
  if (!attemptId.safeParse(args.attemptId).success) throw apiError('BAD_USER_INPUT', 'attemptId is not an attempt id.');
  if (args.confirmation.length === 0 || args.confirmation.length > 256)
    throw apiError('BAD_USER_INPUT', 'confirmation is not a confirmation.');
  const identity = resolveIdentity(context, args.identity);
  const { caller } = context;
  const connection = await confirmPendingGrant(context.oauth, {
    attemptId: args.attemptId,
    confirmation: args.confirmation,
    identity,
    origin: context.origin,
    mayUse: (provider) => caller.kind !== 'session' || !caller.session.providers || caller.session.providers.includes(provider),
  });
  logEvent(context.logger, { event: 'connection.connected', provider: connection.provider, who: identity, via: 'confirmation' });
  return credentialsModel(connection);
};
