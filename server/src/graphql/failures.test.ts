import { describe, expect, it } from 'vitest';
import { NotConnectedError, ReconnectRequiredError } from '../connections/fresh-connection.js';
import { ProviderRateLimitedError } from '../connections/rate-limited.js';
import { RateLimitWaitTooLongError } from '../limits/index.js';
import { ProviderHttpError, ProviderResponseError } from '../providers/provider-http.js';
import { PROVIDER_IDS } from '../providers/registry.js';
import { ProxyError } from '../proxy/errors.js';
import { StoreUnavailableError } from '../store/index.js';
import { describeFailure } from './failures.js';
import { providerEnum } from './provider-enum.js';

const provider = PROVIDER_IDS[0]!;

describe('one mapping from a failure to what GraphQL and the HTTP routes answer', () => {
  it('gives each failure its code, HTTP status and message, never a token', () => {
    expect(describeFailure(new NotConnectedError('Not connected'))).toEqual({
      code: 'NOT_CONNECTED',
      message: 'Not connected to this provider.',
      httpStatus: 404,
    });
    expect(describeFailure(new ReconnectRequiredError('token sk-123 refused'))).toMatchObject({
      code: 'RECONNECT_REQUIRED',
      httpStatus: 409,
      message: 'The connection was revoked or expired at the provider; connect again.',
    });
    expect(describeFailure(new StoreUnavailableError('redis://:secret@host down'))).toMatchObject({
      code: 'STORE_UNAVAILABLE',
      httpStatus: 503,
    });
    expect(describeFailure(new ProviderHttpError('Bad request', 400, undefined))).toMatchObject({
      code: 'PROVIDER_ERROR',
      httpStatus: 502,
      message: 'The provider answered with an error. Bad request',
    });
    expect(describeFailure(new ProviderResponseError('Unexpected token response shape'))).toMatchObject({
      code: 'PROVIDER_ERROR',
      httpStatus: 502,
    });
  });

  it('says when a used-up budget frees up, in whole seconds, the same way wherever it ran out', () => {
    const byLoad = describeFailure(new ProviderRateLimitedError(provider, 1_200));
    expect(byLoad).toEqual({
      code: 'PROVIDER_RATE_LIMITED',
      message: "The provider's rate limit for this connection is used up; try again in 2 s.",
      httpStatus: 429,
      retryAfterSeconds: 2,
      extensions: { provider: providerEnum(provider), retryAfterSeconds: 2 },
    });
    expect(describeFailure(new RateLimitWaitTooLongError('rl-key', 1_200))).toMatchObject({
      message: byLoad!.message,
      retryAfterSeconds: 2,
    });
    expect(describeFailure(new ProviderRateLimitedError(provider, undefined))).toMatchObject({
      message: "The provider's rate limit for this connection is used up; try again later.",
      extensions: { provider: providerEnum(provider) },
    });
    // A provider's own 429 to a call it made by itself (a refresh): Retry-After 0 still says "at least a second".
    expect(describeFailure(new ProviderHttpError('slow down', 429, undefined, { retryAfterMs: 0 }))).toMatchObject({
      httpStatus: 429,
      retryAfterSeconds: 1,
    });
  });

  it("keeps the proxy's own status for its refusals, and leaves anything unexpected to be masked", () => {
    expect(describeFailure(new ProxyError(414, 'BAD_USER_INPUT', 'The query string is too long.'))).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'The query string is too long.',
      httpStatus: 414,
    });
    expect(describeFailure(new TypeError('boom'))).toBeNull();
  });
});
