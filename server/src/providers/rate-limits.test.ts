import { describe, expect, it } from 'vitest';
import { airtableCalls } from './airtable/limits.js';
import { hubspotCalls } from './hubspot/limits.js';
import { notionCalls } from './notion/limits.js';
import { ProviderHttpError } from './provider-http.js';

const tooMany = (body: unknown, retryAfterMs?: number) => new ProviderHttpError('rate limited', 429, undefined, { body, retryAfterMs });

describe('each provider reads its own 429 bodies (its call policy, which the load client and the proxy ask)', () => {
  it('HubSpot, as its official SDK: the ten-second window 10 s x attempt, search 1 s x attempt, nothing else retried (Q6)', () => {
    const rolling = tooMany({
      status: 'error',
      message: 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
    });
    expect(hubspotCalls.rateLimited!(rolling, 1)).toEqual({ retry: true, waitMs: 10_000 });
    expect(hubspotCalls.rateLimited!(rolling, 3)).toEqual({ retry: true, waitMs: 30_000 });
    expect(hubspotCalls.rateLimited!(tooMany({ message: 'You have reached your secondly limit.' }), 2)).toEqual({
      retry: true,
      waitMs: 2_000,
    });
    expect(hubspotCalls.rateLimited!(tooMany({ message: 'You have reached your daily limit.', policyName: 'DAILY' }), 1)).toEqual({
      retry: false,
    });
    expect(hubspotCalls.rateLimited!(tooMany(undefined), 1)).toEqual({ retry: false });
  });

  it('Notion: public_api_request_blocked is final; every other reason waits for Retry-After (Q11)', () => {
    expect(
      notionCalls.rateLimited!(tooMany({ code: 'rate_limited', additional_data: { rate_limit_reason: 'public_api_request_blocked' } }), 1),
    ).toEqual({ retry: false });
    for (const reason of ['public_api_request_rate_limit', 'public_api_space_request_rate_limit', 'something_new']) {
      expect(
        notionCalls.rateLimited!(
          tooMany({ code: 'rate_limited', additional_data: { rate_limit_reason: reason, retry_after: '3' } }, 3_000),
          1,
        ),
      ).toEqual({ retry: true });
    }
  });

  it('Airtable: every 429 is the documented 30 s lock-out', () => {
    expect(airtableCalls.rateLimited!(tooMany({ error: { type: 'RATE_LIMIT_REACHED' } }), 1)).toEqual({ retry: true, waitMs: 30_000 });
  });
});
