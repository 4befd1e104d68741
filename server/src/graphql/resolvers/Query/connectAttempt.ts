import { z } from 'zod';
import type { AttemptErrorCode } from '../../../oauth/services.js';
import { attemptErrorCode } from '../../attempt-error-code.js';
import { apiError } from '../../errors.js';
import { providerEnum } from '../../provider-enum.js';
import type { QueryResolvers } from '../../generated/resolvers-types.js';

const attemptId = z.string().regex(/^[\w-]{16,64}$/);

/**
 * Attempt ids are unguessable (128-bit); knowing one reveals only that attempt's status. The caller
 * is checked before the attempt is looked up, so an unauthenticated caller learns nothing, not even
 * whether an id exists.
 */
export const connectAttempt: QueryResolvers['connectAttempt'] = async (_parent, args, context) => {
  const { caller } = context;
  if (caller.kind === 'invalid-session') throw apiError('UNAUTHENTICATED', 'The session token or admin key is invalid.');
  if (caller.kind === 'anonymous' && context.config.authMode === 'signed')
    throw apiError('UNAUTHENTICATED', 'A session token is required.');
  if (!attemptId.safeParse(args.id).success) throw apiError('BAD_USER_INPUT', 'id is not an attempt id.');
  const outcome = await context.stores.attempts.readOutcome(args.id);
  if (!outcome) return null;
  // A session sees only its own attempts; another tenant's id reads as unknown.
  if (caller.kind === 'session' && (caller.session.orgId !== outcome.orgId || caller.session.userId !== outcome.userId)) return null;
  return {
    id: outcome.id,
    provider: providerEnum(outcome.provider),
    status: outcome.status,
    errorCode: outcome.errorCode === undefined ? null : attemptErrorCode(outcome.errorCode as AttemptErrorCode),
    expiresAt: new Date(outcome.expiresAt).toISOString(),
  };
};
