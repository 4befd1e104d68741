import { logEvent } from '../../../logging/events.js';
import { apiError } from '../../errors.js';
import { resolveIdentity } from '../../resolve-identity.js';
import { providerId } from '../../provider-enum.js';
import type { QueryResolvers } from '../../generated/resolvers-types.js';

const DEFAULT_FIRST = 100;
const MAX_FIRST = 200;

/** A page of the caller's items at the provider; the cursor is opaque and bound to this identity. */
export const load: QueryResolvers['load'] = async (_parent, args, context) => {
  const provider = providerId(args.provider);
  const identity = resolveIdentity(context, args.identity, provider);
  const first = args.first ?? DEFAULT_FIRST;
  if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST)
    throw apiError('BAD_USER_INPUT', `first must be between 1 and ${MAX_FIRST}.`);
  if (args.after !== null && args.after !== undefined && (args.after.length === 0 || args.after.length > 4_096)) {
    throw apiError('BAD_USER_INPUT', 'This cursor is not valid for this identity and provider.');
  }
  const maxWaitSeconds = args.maxWaitSeconds ?? null;
  if (maxWaitSeconds !== null && (!Number.isInteger(maxWaitSeconds) || maxWaitSeconds < 0)) {
    throw apiError('BAD_USER_INPUT', 'maxWaitSeconds must be 0 or more (the server caps it at PROVIDER_QUEUE_MAX_MS).');
  }
  const page = await context.loader.load({
    identity,
    provider,
    first,
    after: args.after ?? null,
    ...(maxWaitSeconds === null ? {} : { maxWaitMs: maxWaitSeconds * 1000 }),
  });
  if (!page.pageInfo.hasNextPage) {
    logEvent(context.logger, { event: 'load.completed', provider, who: identity, items: page.loaded, incomplete: page.incomplete });
  }
  return page;
};
