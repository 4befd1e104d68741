import { configuredProvider } from '../../../oauth/services.js';
import { startConnect } from '../../../oauth/start-connect.js';
import { apiError } from '../../errors.js';
import { resolveIdentity } from '../../identity.js';
import { providerId } from '../../provider-enum.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

/** Only allowed origins may receive the callback's result, by postMessage or by redirect. */
function allowedReturnTo(value: string | null | undefined, allowedOrigins: readonly string[]): string | null {
  if (value === null || value === undefined) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw apiError('BAD_USER_INPUT', 'returnTo must be an absolute URL.');
  }
  if (!/^https?:$/.test(url.protocol) || !allowedOrigins.includes(url.origin) || value.length > 2048) {
    throw apiError('BAD_USER_INPUT', 'returnTo must be a URL on an allowed origin.');
  }
  return url.toString();
}

export const connect: MutationResolvers['connect'] = async (_parent, args, context) => {
  const provider = providerId(args.provider);
  const identity = resolveIdentity(context, args.identity, provider);
  const allowed = context.config.allowedOrigins;
  if (context.origin && !allowed.includes(context.origin)) throw apiError('FORBIDDEN', 'This page origin is not allowed to connect.');
  // Every argument is checked before the attempt is counted: a bad request must not spend quota.
  const returnTo = allowedReturnTo(args.returnTo, allowed);
  configuredProvider(context.config, provider);
  const limit = await context.connectLimiter.consume(identity, context.ip);
  if (!limit.allowed) throw apiError('RATE_LIMITED', `Too many connect attempts; retry in ${limit.retryAfterSeconds} s.`);
  const started = await startConnect(context.oauth, { provider, identity, origin: context.origin, returnTo });
  return { authorizationUrl: started.authorizationUrl, attemptId: started.attemptId, expiresAt: new Date(started.expiresAt).toISOString() };
};
