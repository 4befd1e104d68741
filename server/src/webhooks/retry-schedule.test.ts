import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/env.js';
import { DEFAULT_ATTEMPTS, RETRY_CAP_MS, nominalRetryDelayMs, retryDelayMs, scheduleSpanMs } from './retry-schedule.js';

const HOUR = 3_600_000;
const webhookEnv = {
  AUTH_MODE: 'open',
  WEBHOOK_URL: 'https://hooks.example.com/ic',
  WEBHOOK_SECRET: `whsec_${Buffer.from('retry-schedule-test-secret-0123456789').toString('base64')}`,
};

describe('the production retry schedule', () => {
  it('keeps retrying for more than 24 hours with the default attempts, even when jitter shortens every wait as much as it can', () => {
    expect(loadConfig(webhookEnv).webhook?.maxAttempts).toBe(DEFAULT_ATTEMPTS);
    let shortest = 0;
    let longest = 0;
    for (let attempt = 1; attempt < DEFAULT_ATTEMPTS; attempt++) {
      shortest += retryDelayMs(attempt, () => 1);
      longest += retryDelayMs(attempt, () => 0);
    }
    expect(shortest).toBeGreaterThanOrEqual(24 * HOUR);
    expect(Math.abs(shortest - scheduleSpanMs(DEFAULT_ATTEMPTS).min)).toBeLessThan(100);
    expect(longest).toBe(scheduleSpanMs(DEFAULT_ATTEMPTS).max);
    // 25 h 14 min at the shortest, 29 h 41 min nominally.
    expect(shortest / HOUR).toBeCloseTo(25.23, 1);
    expect(longest / HOUR).toBeCloseTo(29.69, 1);
  });

  it('starts at 10 s, doubles, and never waits more than 3 h between two tries', () => {
    expect([1, 2, 3, 4].map(nominalRetryDelayMs)).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(nominalRetryDelayMs(11)).toBe(10_240_000);
    expect(nominalRetryDelayMs(12)).toBe(RETRY_CAP_MS);
    expect(nominalRetryDelayMs(19)).toBe(3 * HOUR);
  });

  it('spreads retries with jitter that only shortens a wait, by at most 15 %', () => {
    const samples = Array.from({ length: 200 }, () => retryDelayMs(5));
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(160_000 * 0.85);
    expect(Math.max(...samples)).toBeLessThanOrEqual(160_000);
    expect(new Set(samples).size).toBeGreaterThan(50);
  });
});
