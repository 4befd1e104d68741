import { z } from 'zod';
import type { GraphQLContext } from './context.js';
import { apiError } from './errors.js';
import type { IdentityInput } from './generated/resolvers-types.js';

export interface Identity {
  orgId: string;
  userId: string;
}

const idPart = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(256, 'must be at most 256 characters')
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');
const identitySchema = z.object({ orgId: idPart, userId: idPart });

/**
 * The one place that decides who the caller acts for. Today: the `identity` argument (open
 * mode, as in the original app). Signed sessions will plug in here.
 */
export function resolveIdentity(_context: GraphQLContext, argument: IdentityInput | null | undefined): Identity {
  if (!argument) throw apiError('UNAUTHENTICATED', 'An identity (userId and orgId) is required.');
  const parsed = identitySchema.safeParse(argument);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw apiError('BAD_USER_INPUT', `identity.${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is invalid'}`);
  }
  return parsed.data;
}
