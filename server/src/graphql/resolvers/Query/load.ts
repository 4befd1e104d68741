import { logEvent } from '../../../logging/events.js';
import { MAX_SEALED_CURSOR_LENGTH } from '../../../store/index.js';
import { apiError } from '../../errors.js';
import { pagingRule } from '../../paging.js';
import { resolveIdentity } from '../../resolve-identity.js';
import { providerId } from '../../provider-enum.js';
import type { QueryResolvers } from '../../generated/resolvers-types.js';

const paging = pagingRule({
  defaultFirst: 100,
  maxFirst: 200,
  maxAfterLength: MAX_SEALED_CURSOR_LENGTH,
  invalidAfter: 'This cursor is not valid for this identity and provider.',
});

/** A page of the caller's items at the provider; the cursor is opaque and bound to this identity. */
export const load: QueryResolvers['load'] = async (_parent, args, context) => {
  const provider = providerId(args.provider);
  const identity = resolveIdentity(context, args.identity, provider);
  const { first, after } = paging(args);
  const maxWaitSeconds = args.maxWaitSeconds ?? null;
  if (maxWaitSeconds !== null && (!Number.isInteger(maxWaitSeconds) || maxWaitSeconds < 0)) {
    throw apiError('BAD_USER_INPUT', 'maxWaitSeconds must be 0 or more (the server caps it at PROVIDER_QUEUE_MAX_MS).');
  }
  const page = await context.loader.load({
    identity,
    provider,
    first,
    after,
    ...(maxWaitSeconds === null ? {} : { maxWaitMs: maxWaitSeconds * 1000 }),
  });
  if (!page.pageInfo.hasNextPage) {
    logEvent(context.logger, { event: 'load.completed', provider, who: identity, items: page.loaded, incomplete: page.incomplete });
  }
  return page;
};
