import { z } from 'zod';
import { apiError } from '../../errors.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';
import { requireAdmin } from '../../resolve-identity.js';

const id = z.string().min(1).max(200);

/** Admin only: a failed webhook back in the queue, same webhook-id and body, fresh attempts. */
export const redeliverWebhook: MutationResolvers['redeliverWebhook'] = async (_parent, args, context) => {
  requireAdmin(context);
  if (!id.safeParse(args.id).success) throw apiError('BAD_USER_INPUT', 'id must be a webhook-id of at most 200 characters.');
  return (await context.webhookDeliveries?.redeliver(args.id)) ?? false;
};
