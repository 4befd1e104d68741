import type { LimitRule } from '../calls.js';
import type { ConnectionFacts } from '../item-source.js';
import { rateLimit, type ProviderEndpoints } from '../settings.js';
import { notionSettings } from './settings.js';

/** Notion counts per connection (its bot, fact sheet 3.4): every call of one connection books this. */
export const connectionLimit = (connection: ConnectionFacts, endpoints: ProviderEndpoints): LimitRule => ({
  key: `notion:${connection.metadata.botId ?? connection.account.id}`,
  ...rateLimit(endpoints, notionSettings.rateLimits.connection),
});
