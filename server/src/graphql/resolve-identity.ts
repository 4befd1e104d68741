import { z } from 'zod';
import type { Identity } from '../auth/identity.js';
import type { ProviderId } from '../providers/registry.js';
import type { ConnectionFilter } from '../store/index.js';
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

/** The filters of a `connections` listing as given (absent: null or undefined). */
export interface ListFilterArguments {
  orgId?: string | null;
  userId?: string | null;
  provider?: ProviderId;
}

function parseFilterPart(name: 'orgId' | 'userId', value: string): string {
  const parsed = idPart.safeParse(value);
  if (!parsed.success) throw apiError('BAD_USER_INPUT', `${name} ${parsed.error.issues[0]?.message ?? 'is invalid'}`);
  return parsed.data;
}

/**
 * What a caller may list: the admin key any filters; a session only its own connections (a filter
 * naming anyone else is FORBIDDEN, absent ones default to the session, and a session limited to some
 * providers sees only those); an open-mode caller names itself with `orgId` and `userId`.
 */
export function resolveListFilter(context: GraphQLContext, given: ListFilterArguments): ConnectionFilter {
  const orgId = given.orgId ?? undefined;
  const userId = given.userId ?? undefined;
  const { provider } = given;
  const { caller } = context;
  if (caller.kind === 'admin') {
    return {
      ...(orgId === undefined ? {} : { orgId: parseFilterPart('orgId', orgId) }),
      ...(userId === undefined ? {} : { userId: parseFilterPart('userId', userId) }),
      ...(provider ? { provider } : {}),
    };
  }
  if (caller.kind === 'session') {
    const own = resolveIdentity(context, undefined, provider);
    if ((orgId !== undefined && orgId !== own.orgId) || (userId !== undefined && userId !== own.userId))
      throw apiError('FORBIDDEN', 'A session lists only its own connections.');
    const { providers } = caller.session;
    return { ...own, ...(provider ? { provider } : {}), ...(providers ? { providers } : {}) };
  }
  const identity = resolveIdentity(context, orgId !== undefined && userId !== undefined ? { orgId, userId } : undefined, provider);
  return { ...identity, ...(provider ? { provider } : {}) };
}
