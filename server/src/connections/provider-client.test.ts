import { describe, expect, it } from 'vitest';
import { ProviderHttpError } from '../providers/provider-http.js';
import { DEFAULT_RETRY_TUNING, retryDelay } from './provider-client.js';

const tooMany = (body: unknown, retryAfterMs?: number) => new ProviderHttpError('rate limited', 429, undefined, { body, retryAfterMs });

describe('how long the client waits before a retry', () => {
  it("the client waits the verdict's window (capped), else Retry-After, else jittered backoff", () => {
    const tuning = { ...DEFAULT_RETRY_TUNING, backoffBaseMs: 10, maxWaitMs: 60_000 };
    const error = tooMany({}, 2_000);
    expect(retryDelay(error, 1, tuning, { retry: true, waitMs: 10_000 })).toBeGreaterThanOrEqual(10_000);
    expect(retryDelay(error, 1, { ...tuning, maxWaitMs: 5_000 }, { retry: true, waitMs: 10_000 })).toBe(5_000);
    expect(retryDelay(error, 1, tuning, { retry: true })).toBeGreaterThanOrEqual(2_000);
    expect(retryDelay(tooMany({}), 1, tuning)).toBeLessThanOrEqual(10);
  });
});
