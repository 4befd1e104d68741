import { z } from 'zod';
import type { Identity } from '../auth/identity.js';
import type { ProviderId } from '../providers/registry.js';
import type { GraphQLContext } from './context.js';
import { apiError } from './errors.js';
import type { IdentityInput } from './generated/resolvers-types.js';

const idPart = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(256, 'must be at most 256 characters')
  // Cs: a lone surrogate cannot be encoded into a store key (nor compared with its UTF-8 round trip).
  .regex(/^[^\p{Cc}\p{Cs}]*$/u, 'must not contain control characters or lone surrogates');
/** The identity every entry point accepts (GraphQL arguments, the proxy's X-Org-Id / X-User-Id). */
export const identitySchema = z.object({ orgId: idPart, userId: idPart });

function parseArgument(argument: IdentityInput): Identity {
  const parsed = identitySchema.safeParse(argument);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw apiError('BAD_USER_INPUT', `identity.${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is invalid'}`);
  }
  return parsed.data;
}

/**
 * The one place that decides who the caller acts for:
 * - admin key: any identity, named by the argument;
 * - signed session: the token's identity only; a conflicting argument, a provider outside the
 *   session's list or a page origin other than the session's is FORBIDDEN;
 * - open mode (demo): the argument, as the original app did.
 */
export function resolveIdentity(context: GraphQLContext, argument: IdentityInput | null | undefined, provider?: ProviderId): Identity {
  const { caller } = context;
  if (caller.kind === 'admin') {
    if (!argument) throw apiError('BAD_USER_INPUT', 'Admin calls must name the identity.');
    return parseArgument(argument);
  }
  if (caller.kind === 'invalid-session') {
    throw apiError(
      'UNAUTHENTICATED',
      caller.reason === 'expired' ? 'The session token has expired.' : 'The session token or admin key is invalid.',
    );
  }
  if (caller.kind === 'session') {
    const { session } = caller;
    const identity = { orgId: session.orgId, userId: session.userId };
    if (argument) {
      const given = parseArgument(argument);
      if (given.orgId !== identity.orgId || given.userId !== identity.userId)
        throw apiError('FORBIDDEN', 'The identity argument conflicts with the session.');
    }
    if (provider && session.providers && !session.providers.includes(provider))
      throw apiError('FORBIDDEN', 'This session may not use this provider.');
    if (session.origin && context.origin !== session.origin) throw apiError('FORBIDDEN', 'This session may not be used from this page.');
    return identity;
  }
  if (context.config.authMode === 'signed') throw apiError('UNAUTHENTICATED', 'A session token is required.');
  if (!argument) throw apiError('UNAUTHENTICATED', 'An identity (userId and orgId) is required.');
  return parseArgument(argument);
}

export function requireAdmin(context: GraphQLContext): void {
  if (context.caller.kind !== 'admin') throw apiError('FORBIDDEN', 'Only server-side clients with the admin key may do this.');
}
