import { z } from 'zod';
import { createSessionToken, MAX_SESSION_SECONDS } from '../../../auth/session-token.js';
import { allowedOriginOf } from '../../../config/allowed-origins.js';
import { apiError } from '../../errors.js';
import { requireAdmin, resolveIdentity } from '../../resolve-identity.js';
import { providerId } from '../../provider-enum.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

const ttl = z.number().int().min(60).max(MAX_SESSION_SECONDS);

export const createSession: MutationResolvers['createSession'] = async (_parent, args, context) => {
  requireAdmin(context);
  const secret = context.config.sessionSecret;
  if (!secret) throw apiError('BAD_USER_INPUT', 'SESSION_SECRET is not configured on this server.');
  const identity = resolveIdentity(context, args.identity);
  const ttlSeconds = args.ttlSeconds ?? 15 * 60;
  if (!ttl.safeParse(ttlSeconds).success) throw apiError('BAD_USER_INPUT', `ttlSeconds must be between 60 and ${MAX_SESSION_SECONDS}.`);
  let origin: string | undefined;
  if (args.origin) {
    origin = allowedOriginOf(context.config, args.origin) ?? undefined;
    if (!origin) throw apiError('BAD_USER_INPUT', 'origin must be one of ALLOWED_ORIGINS.');
  }
  const token = await createSessionToken({ ...identity, providers: args.providers?.map(providerId), origin }, secret, { ttlSeconds });
  return { token, expiresAt: new Date(Date.now() + ttlSeconds * 1000).toISOString() };
};
