import type { FailedDelivery } from '../../../webhooks/delivery-queue.js';
import type { FailedWebhookDelivery, QueryResolvers } from '../../generated/resolvers-types.js';
import { pagingRule } from '../../paging.js';
import { providerEnum } from '../../provider-enum.js';
import { requireAdmin } from '../../resolve-identity.js';

const paging = pagingRule({ defaultFirst: 20, maxFirst: 100, maxAfterLength: 200, invalidAfter: 'after is not a cursor of this list.' });

/** Admin only: webhooks kept as failed, newest first. No webhooks configured means none failed. */
export const failedWebhookDeliveries: QueryResolvers['failedWebhookDeliveries'] = async (_parent, args, context) => {
  requireAdmin(context);
  const { first, after } = paging(args);
  const queue = context.webhookDeliveries;
  if (!queue) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
  const page = await queue.listFailed({ first, after });
  return {
    edges: page.items.map(({ cursor, ...delivery }) => ({ cursor, node: failedDeliveryModel(delivery) })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
  };
};

function failedDeliveryModel(delivery: FailedDelivery): FailedWebhookDelivery {
  const { event } = delivery;
  return {
    id: delivery.id,
    type: event.type,
    timestamp: event.timestamp,
    data: { ...event.data, provider: providerEnum(event.data.provider) },
    attempts: delivery.attempts,
    lastStatus: delivery.lastStatus,
    lastError: delivery.lastError,
    enqueuedAt: new Date(delivery.enqueuedAt).toISOString(),
    failedAt: new Date(delivery.failedAt).toISOString(),
  };
}
