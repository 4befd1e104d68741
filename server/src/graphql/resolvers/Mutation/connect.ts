import { allowedOriginOf, isAllowedOrigin } from '../../../config/allowed-origins.js';
import type { Config } from '../../../config/env.js';
import { configuredProvider } from '../../../connections/services.js';
import { startConnect } from '../../../oauth/start-connect.js';
import { apiError } from '../../errors.js';
import { requireAdmin, resolveIdentity } from '../../resolve-identity.js';
import { providerId } from '../../provider-enum.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

/** Only allowed origins may receive the callback's result, by postMessage or by redirect. */
function allowedReturnTo(value: string | null | undefined, config: Config): string | null {
  if (value === null || value === undefined) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw apiError('BAD_USER_INPUT', 'returnTo must be an absolute URL.');
  }
  // Measured after normalisation: percent-encoding can make a short-looking URL many times longer.
  const normalized = url.toString();
  if (allowedOriginOf(config, normalized) === null || normalized.length > 2048) {
    throw apiError('BAD_USER_INPUT', 'returnTo must be a URL on an allowed origin, at most 2,048 characters.');
  }
  return normalized;
}

export const connect: MutationResolvers['connect'] = async (_parent, args, context) => {
  const provider = providerId(args.provider);
  const identity = resolveIdentity(context, args.identity, provider);
  if (context.origin && !isAllowedOrigin(context.config, context.origin))
    throw apiError('FORBIDDEN', 'This page origin is not allowed to connect.');
  // Every argument is checked before the attempt is counted: a bad request must not spend quota.
  const returnTo = allowedReturnTo(args.returnTo, context.config);
  // The confirmation goes to the attempt's origin and only a page there may confirm: returnTo must be on it.
  const origin = context.origin ?? (returnTo ? new URL(returnTo).origin : null);
  if (returnTo && new URL(returnTo).origin !== origin)
    throw apiError('BAD_USER_INPUT', 'returnTo must be on the origin of the page that calls connect.');
  const display = args.display ?? (returnTo ? 'REDIRECT' : 'POPUP');
  if (display === 'REDIRECT' && !returnTo) throw apiError('BAD_USER_INPUT', 'Redirect display needs returnTo.');
  const link = args.connectLink === true;
  if (link) {
    requireAdmin(context);
    if (!context.config.allowConnectLinks)
      throw apiError('FORBIDDEN', 'Connect links are turned off on this server (ALLOW_CONNECT_LINKS).');
  }
  configuredProvider(context.config, provider);
  const limit = await context.limits.connect.consume(identity, context.ip);
  if (!limit.allowed) throw apiError('RATE_LIMITED', `Too many connect attempts; retry in ${limit.retryAfterSeconds} s.`);
  const started = await startConnect(context.oauth, { provider, identity, origin, display, returnTo, link });
  return { authorizationUrl: started.authorizationUrl, attemptId: started.attemptId, expiresAt: new Date(started.expiresAt).toISOString() };
};
