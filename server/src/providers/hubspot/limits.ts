import { z } from 'zod';
import type { CallPolicy, LimitRule, RateLimitVerdict } from '../calls.js';
import type { ProviderHttpError } from '../provider-http.js';
import { rateLimit, type ProviderEndpoints } from '../settings.js';
import { hubspotSettings } from './settings.js';

/** The one limit rule every HubSpot API call of an account books: lists, association reads, account-info. */
export function accountLimit(accountId: string, endpoints: ProviderEndpoints): LimitRule {
  return { key: `hubspot:${accountId}`, ...rateLimit(endpoints, hubspotSettings.rateLimits.account) };
}

const rateLimitBody = z.object({ policyName: z.string().optional(), message: z.string().optional() });

/**
 * 429s as the official SDK reads them (hubspot-api-nodejs RetryDecorator.ts, fact sheet Q6): the
 * rolling ten-second window is waited out, 10 s x attempt; the search limit ("secondly") 1 s x
 * attempt; anything else, such as the `DAILY` budget, is not retried (it would only add errors to
 * the app's error budget).
 */
export function hubspotRateLimited(error: ProviderHttpError, attempt: number): RateLimitVerdict {
  const body = rateLimitBody.safeParse(error.body).data;
  if (body?.policyName === 'TEN_SECONDLY_ROLLING') return { retry: true, waitMs: 10_000 * attempt };
  if (body?.message === 'You have reached your secondly limit.') return { retry: true, waitMs: 1_000 * attempt };
  return { retry: false };
}

export const hubspotCalls: CallPolicy = { rateLimited: hubspotRateLimited };
