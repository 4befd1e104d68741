import * as oauth from 'oauth4webapi';
import type { Attempt } from '../store/index.js';
import { ProviderHttpError } from '../providers/provider-http.js';
import type { ProviderId } from '../providers/registry.js';
import { hashConfirmation, newConfirmation, PENDING_GRANT_TTL_MS } from './confirm-connect.js';
import { configuredProvider } from '../connections/services.js';
import { callbackUrl, type AttemptErrorCode, type OAuthServices } from './services.js';
import { exchangeCode, InvalidGrantError, validateCallback } from '../connections/token-endpoint.js';

export type CallbackStatus = 'AWAITING_CONFIRMATION' | 'CONNECTED' | 'DENIED' | 'FAILED';

/** What the callback page shows and posts. `attempt` is absent when the state was not ours. */
export interface CallbackResult {
  status: CallbackStatus;
  provider: ProviderId;
  state: string | null;
  attempt: Attempt | null;
  errorCode?: AttemptErrorCode;
  accountName?: string | null;
  /** AWAITING_CONFIRMATION only: for this browser, and nobody else (the store keeps only its hash). */
  confirmation?: string;
}

/**
 * The redirect back from the provider: consume the attempt (single use, so replays and
 * duplicates fail), check it belongs to this provider, read `code` or `error`, exchange the code,
 * and keep the grant pending until the page that asked confirms it (`confirmConnect`) with the
 * confirmation that only this browser receives. An admin's connect link is stored at once.
 * The outcome is recorded for `connectAttempt`.
 */
export async function completeCallback(services: OAuthServices, provider: ProviderId, params: URLSearchParams): Promise<CallbackResult> {
  const state = params.get('state');
  const fail = (errorCode: AttemptErrorCode, attempt: Attempt | null = null): CallbackResult => ({
    status: 'FAILED',
    provider,
    state,
    attempt,
    errorCode,
  });
  if (!state || state.length > 1024) return fail('BAD_USER_INPUT');

  const attempt = await services.stores.attempts.consume(state);
  if (!attempt) return fail('BAD_USER_INPUT');
  const outcome = (status: CallbackStatus, errorCode?: AttemptErrorCode, expiresAt = attempt.expiresAt) =>
    services.stores.attempts.recordOutcome({
      id: attempt.id,
      provider: attempt.provider,
      status,
      errorCode,
      expiresAt,
      orgId: attempt.orgId,
      userId: attempt.userId,
    });

  // A state minted for another provider is burned (consumed above) and never exchanged.
  if (attempt.provider !== provider) {
    await outcome('FAILED', 'FORBIDDEN');
    return fail('FORBIDDEN', attempt);
  }

  const { provider: module, endpoints } = configuredProvider(services.config, provider);
  let callbackParameters: URLSearchParams;
  try {
    callbackParameters = validateCallback(module, endpoints, params, attempt.state);
  } catch (error) {
    const denied = error instanceof oauth.AuthorizationResponseError && error.error === 'access_denied';
    await outcome(denied ? 'DENIED' : 'FAILED', denied ? undefined : 'PROVIDER_ERROR');
    return denied ? { status: 'DENIED', provider, state, attempt } : fail('PROVIDER_ERROR', attempt);
  }

  const call = { fetch: services.fetch, timeoutMs: services.providerTimeoutMs };
  try {
    const tokens = await exchangeCode(
      module,
      endpoints,
      { callbackParameters, redirectUri: callbackUrl(services.config, provider), codeVerifier: attempt.codeVerifier },
      call,
    );
    const account = await module.fetchAccount(tokens, { endpoints, ...call, limiter: services.providerCalls });
    const now = services.now();
    const grant = {
      account: { id: account.id, name: account.name },
      scopes: tokens.scopes,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      accessTokenExpiresAt: tokens.expiresIn === null ? null : now + tokens.expiresIn * 1000,
      metadata: account.metadata,
    };
    const accountName = account.name ?? account.id;
    if (attempt.link) {
      await services.stores.connections.put({
        provider,
        orgId: attempt.orgId,
        userId: attempt.userId,
        status: 'CONNECTED',
        connectedAt: now,
        ...grant,
      });
      await outcome('CONNECTED');
      return { status: 'CONNECTED', provider, state, attempt, accountName };
    }
    const confirmation = newConfirmation();
    const expiresAt = now + PENDING_GRANT_TTL_MS;
    await services.stores.pendingGrants.put({
      attemptId: attempt.id,
      provider,
      orgId: attempt.orgId,
      userId: attempt.userId,
      origin: attempt.origin,
      confirmationHash: hashConfirmation(confirmation),
      expiresAt,
      ...grant,
    });
    await outcome('AWAITING_CONFIRMATION', undefined, expiresAt);
    return { status: 'AWAITING_CONFIRMATION', provider, state, attempt, accountName, confirmation };
  } catch (error) {
    services.logger.warn({ err: summarize(error), provider, attemptId: attempt.id }, 'OAuth code exchange failed');
    await outcome('FAILED', 'PROVIDER_ERROR');
    return fail('PROVIDER_ERROR', attempt);
  }
}

/** Log the failure without request bodies (they hold codes and secrets). */
function summarize(error: unknown) {
  if (error instanceof ProviderHttpError || error instanceof InvalidGrantError) {
    return { type: error.name, message: error.message, status: 'status' in error ? error.status : undefined };
  }
  return { type: error instanceof Error ? error.name : typeof error, message: error instanceof Error ? error.message : String(error) };
}
