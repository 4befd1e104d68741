import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Identity } from '../auth/identity.js';
import { isAllowedOrigin } from '../config/allowed-origins.js';
import { providerModule, type ProviderId } from '../providers/registry.js';
import type { PendingGrant, StoredConnection } from '../store/index.js';
import type { AttemptErrorCode, OAuthServices } from './services.js';
import { revokeToken } from '../connections/token-endpoint.js';

/** How long an approved grant waits for the page that asked; the widget confirms within a second. */
export const PENDING_GRANT_TTL_MS = 5 * 60 * 1000;

/** 256 random bits, base64url: handed to the consenting browser only; the store keeps its hash. */
export const newConfirmation = (): string => randomBytes(32).toString('base64url');
export const hashConfirmation = (confirmation: string): string => createHash('sha256').update(confirmation).digest('base64url');

export type ConfirmationProblem = 'unknown' | 'expired' | 'identity' | 'origin' | 'provider' | 'confirmation';

export class ConfirmationError extends Error {
  override readonly name = 'ConfirmationError';
  constructor(readonly problem: ConfirmationProblem) {
    super(
      problem === 'unknown'
        ? 'No approved grant waits for this attempt: it is unknown, already confirmed, discarded or expired.'
        : problem === 'expired'
          ? 'The approved grant waited too long for its confirmation and was discarded; connect again.'
          : 'This confirmation does not belong to this caller, page or attempt; the approved grant was discarded.',
    );
  }
}

export interface ConfirmRequest {
  attemptId: string;
  confirmation: string;
  /** Who the confirming caller acts for (already resolved from its session or admin key). */
  identity: Identity;
  /** The Origin of the confirming request; null for server-side callers. */
  origin: string | null;
  /** Whether the caller may use this provider (a session can be limited to some). */
  mayUse: (provider: ProviderId) => boolean;
}

function problemOf(services: OAuthServices, grant: PendingGrant, request: ConfirmRequest): ConfirmationProblem | null {
  if (grant.expiresAt <= services.now()) return 'expired';
  if (grant.orgId !== request.identity.orgId || grant.userId !== request.identity.userId) return 'identity';
  const origin = request.origin ?? '';
  if (origin !== grant.origin || (origin !== '' && !isAllowedOrigin(services.config, origin))) return 'origin';
  if (!request.mayUse(grant.provider)) return 'provider';
  const given = Buffer.from(hashConfirmation(request.confirmation));
  const expected = Buffer.from(grant.confirmationHash);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'confirmation';
  return null;
}

/**
 * `confirmConnect`: takes the pending grant (atomically, so exactly one caller ever sees it) and
 * makes it the identity's connection only if everything matches: the attempt's identity and
 * origin, an allowed provider, the confirmation. Anything else discards it: nothing is stored, it
 * is revoked at the provider where possible, and the attempt reads FAILED (FORBIDDEN) or EXPIRED.
 * A crash between the take and the write loses the grant (the user connects again), never leaks it.
 */
export async function confirmConnect(services: OAuthServices, request: ConfirmRequest): Promise<StoredConnection> {
  const grant = await services.stores.pendingGrants.take(request.attemptId);
  if (!grant) throw new ConfirmationError('unknown');
  const problem = problemOf(services, grant, request);
  const outcome = (status: 'CONNECTED' | 'FAILED' | 'EXPIRED', errorCode?: AttemptErrorCode) =>
    services.stores.attempts.recordOutcome({
      id: grant.attemptId,
      provider: grant.provider,
      status,
      errorCode,
      expiresAt: grant.expiresAt,
      orgId: grant.orgId,
      userId: grant.userId,
    });
  if (problem) {
    await discard(services, grant, problem);
    await outcome(problem === 'expired' ? 'EXPIRED' : 'FAILED', problem === 'expired' ? undefined : 'FORBIDDEN');
    throw new ConfirmationError(problem);
  }
  const connection = await services.stores.connections.put({
    provider: grant.provider,
    orgId: grant.orgId,
    userId: grant.userId,
    status: 'CONNECTED',
    account: grant.account,
    scopes: grant.scopes,
    accessToken: grant.accessToken,
    refreshToken: grant.refreshToken,
    accessTokenExpiresAt: grant.accessTokenExpiresAt,
    connectedAt: services.now(),
    metadata: grant.metadata,
  });
  await outcome('CONNECTED');
  return connection;
}

/** Best effort: a provider without a revocation endpoint keeps the grant until the user revokes it there. */
async function discard(services: OAuthServices, grant: PendingGrant, problem: ConfirmationProblem): Promise<void> {
  const providerId = grant.provider;
  const provider = providerModule(providerId).oauth;
  const endpoints = services.config.providers[providerId];
  services.logger.warn(
    { provider: providerId, attemptId: grant.attemptId, problem },
    'approved grant discarded: its confirmation did not match',
  );
  const token = provider.revocation?.token === 'refresh' ? grant.refreshToken : grant.accessToken;
  if (!provider.revocation || !token || !endpoints.clientId) return;
  await revokeToken(provider, endpoints, token, { fetch: services.fetch, timeoutMs: services.providerTimeoutMs }).catch((error: unknown) =>
    services.logger.warn(
      { provider: providerId, err: { message: error instanceof Error ? error.message : String(error) } },
      'revocation of a discarded grant failed',
    ),
  );
}
