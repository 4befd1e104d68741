import type { CallPolicy, LimitRule } from '../calls.js';
import { rateLimit, type ProviderEndpoints } from '../settings.js';
import { airtableSettings } from './settings.js';

/**
 * The keys Airtable counts calls on (fact sheet 2.3), built in one place so the data module and
 * the proxy book the same ones: per base (5/s), per Airtable user (the account id) for the meta calls that name no base (the
 * same 5/s, as the provider keys them), and all of one user's traffic (50/s).
 */
export const baseLimit = (baseId: string, endpoints: ProviderEndpoints): LimitRule => ({
  key: `airtable:base:${baseId}`,
  ...rateLimit(endpoints, airtableSettings.rateLimits.base),
});

export const userMetaLimit = (accountId: string, endpoints: ProviderEndpoints): LimitRule => ({
  key: `airtable:user:${accountId}`,
  ...rateLimit(endpoints, airtableSettings.rateLimits.base),
});

export const userLimit = (accountId: string, endpoints: ProviderEndpoints): LimitRule => ({
  key: `airtable:all:${accountId}`,
  ...rateLimit(endpoints, airtableSettings.rateLimits.user),
});

/** Airtable answers a 429 with no Retry-After and a documented 30 s wait (fact sheet 2.3). */
const LOCKOUT_MS = 30_000;

export const airtableCalls: CallPolicy = {
  // Every Airtable 429 locks the caller out for 30 s (fact sheet 2.3); there is no other kind.
  rateLimited: () => ({ retry: true, waitMs: LOCKOUT_MS }),
};
