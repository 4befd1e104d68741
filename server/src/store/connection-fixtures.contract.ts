/** Test fixtures the store's contract suites share (no runtime code imports this file). */
import { randomUUID } from 'node:crypto';
import { PROVIDER_IDS, type ProviderId } from '../providers/registry.js';
import type { StoredConnection } from './connections.js';

// Records name their provider by a registry id: two of them, in the byte order the index keeps them.
export const [PROVIDER_A, PROVIDER_B] = [...PROVIDER_IDS].sort() as [ProviderId, ProviderId, ...ProviderId[]];

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
