/**
 * Key layout of records that are not named after an identity (those come from
 * auth/identity.ts). Each record is one key; the `{...}` hash tag keeps a record on one Redis
 * Cluster slot. Parts are URI-encoded, so no part can close a hash tag or imitate a separator.
 */
const part = (value: string) => encodeURIComponent(value);

export const keys = {
  attemptByState: (state: string) => `{attempt:${part(state)}}`,
  attemptOutcome: (attemptId: string) => `{outcome:${part(attemptId)}}`,
  /** A grant exchanged by the callback, waiting for the consenting browser's confirmation. */
  pendingGrant: (attemptId: string) => `{pending:${part(attemptId)}}`,
  lock: (name: string) => `{lock:${part(name)}}`,
  /** Every connection, as `identityNames.connectionMember` (a sorted set: the admin's unfiltered list). */
  connectionIndex: '{conn-index}',
  /** Connections whose outbox may hold events (members as the index's, scored by the last write). */
  outboxPending: '{conn-outbox-pending}',
};
