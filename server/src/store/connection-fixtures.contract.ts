/** Test fixtures the store's contract suites share (no runtime code imports this file). */
import { randomUUID } from 'node:crypto';
import type { StoredConnection } from './connections.js';

// The store takes any provider id; these stand for two different ones.
export const PROVIDER_A = 'provider-a';
export const PROVIDER_B = 'provider-b';

/** A connection of a fresh organization, with tokens that must never be found in plaintext. */
export const newConnection = (overrides: Partial<StoredConnection> = {}): Omit<StoredConnection, 'version'> => ({
  provider: PROVIDER_B,
  orgId: `org-${randomUUID()}`,
  userId: 'user-1',
  status: 'CONNECTED',
  account: { id: 'usrABC', name: 'Ada' },
  scopes: ['schema.bases:read'],
  accessToken: `plaintext-access-${randomUUID()}`,
  refreshToken: `plaintext-refresh-${randomUUID()}`,
  accessTokenExpiresAt: Date.now() + 3_600_000,
  connectedAt: Date.now(),
  metadata: {},
  ...overrides,
});
