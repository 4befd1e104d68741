import { z } from 'zod';
import type { CallPolicy, LimitRule } from '../calls.js';
import type { ConnectionFacts } from '../item-source.js';
import { rateLimit, type ProviderEndpoints } from '../settings.js';
import { notionSettings } from './settings.js';

/** Notion counts per connection (its bot, fact sheet 3.4): every call of one connection books this. */
export const connectionLimit = (connection: ConnectionFacts, endpoints: ProviderEndpoints): LimitRule => ({
  key: `notion:${connection.metadata.botId ?? connection.account.id}`,
  ...rateLimit(endpoints, notionSettings.rateLimits.connection),
});

const rateLimitBody = z.object({ additional_data: z.object({ rate_limit_reason: z.string() }) });
const rateLimitReason = (body: unknown) => rateLimitBody.safeParse(body).data?.additional_data.rate_limit_reason;

export const notionCalls: CallPolicy = {
  // `public_api_request_blocked` is not to be retried; every other reason waits for Retry-After ([N4], Q11).
  rateLimited: (error) => (rateLimitReason(error.body) === 'public_api_request_blocked' ? { retry: false } : { retry: true }),
};
