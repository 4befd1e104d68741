import { z } from 'zod';
import type { ProviderId } from '../../../config/env.js';
import { apiError, type ErrorCode } from '../../errors.js';
import { providerEnum } from '../../provider-enum.js';
import type { QueryResolvers } from '../../generated/resolvers-types.js';

const attemptId = z.string().regex(/^[\w-]{16,64}$/);

/** Attempt ids are unguessable (128-bit); knowing one reveals only that attempt's status. */
export const connectAttempt: QueryResolvers['connectAttempt'] = async (_parent, args, { stores }) => {
  if (!attemptId.safeParse(args.id).success) throw apiError('BAD_USER_INPUT', 'id is not an attempt id.');
  const outcome = await stores.attempts.readOutcome(args.id);
  if (!outcome) return null;
  return {
    id: outcome.id,
    provider: providerEnum(outcome.provider as ProviderId),
    status: outcome.status,
    errorCode: (outcome.errorCode as ErrorCode | undefined) ?? null,
    expiresAt: new Date(outcome.expiresAt).toISOString(),
  };
};
