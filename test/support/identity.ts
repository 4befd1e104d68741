import { randomUUID } from 'node:crypto';

export interface TestIdentity {
  userId: string;
  orgId: string;
}

/** An identity no other test uses: tests share one Redis and tell their data apart by identity. */
export const freshIdentity = (): TestIdentity => ({ userId: `user-${randomUUID()}`, orgId: `org-${randomUUID()}` });
