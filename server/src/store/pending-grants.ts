import { z } from 'zod';
import { providerIdSchema } from '../providers/registry.js';
import type { KeyValueStore } from './key-value-store.js';
import { keys } from './keys.js';
import type { SealedBox } from './sealed-box.js';

/**
 * A grant the callback exchanged that is not a connection yet: it waits, sealed and for a few
 * minutes, under its attempt id for the page that asked to confirm it. Only a hash of the
 * confirmation is kept, so the store cannot hand it out.
 */
export const pendingGrantSchema = z.object({
  attemptId: z.string().min(1),
  provider: providerIdSchema,
  orgId: z.string(),
  userId: z.string(),
  /** The attempt's origin: the confirming request must come from it ('' = a server-side caller). */
  origin: z.string(),
  /** SHA-256 of the confirmation, base64url. */
  confirmationHash: z.string().min(1),
  expiresAt: z.number(),
  account: z.object({ id: z.string(), name: z.string().nullable() }),
  scopes: z.array(z.string()),
  accessToken: z.string(),
  refreshToken: z.string().nullable(),
  accessTokenExpiresAt: z.number().nullable(),
  metadata: z.record(z.string(), z.string()),
});
export type PendingGrant = z.infer<typeof pendingGrantSchema>;

export class PendingGrantStore {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly box: SealedBox,
    private readonly now: () => number = Date.now,
  ) {}

  async put(grant: PendingGrant): Promise<void> {
    const key = keys.pendingGrant(grant.attemptId);
    const ttlMs = grant.expiresAt - this.now();
    if (ttlMs <= 0) throw new Error('Pending grant already expired');
    // One attempt is consumed once, so it has at most one pending grant: never overwrite one.
    if (!(await this.kv.set(key, this.box.seal(JSON.stringify(grant), key), { ttlMs, onlyIfAbsent: true })))
      throw new Error('Pending grant collision');
  }

  /** Hands the grant to exactly one caller, once (one key: atomic on Redis Cluster too); null when unknown, used or expired. */
  async take(attemptId: string): Promise<PendingGrant | null> {
    const key = keys.pendingGrant(attemptId);
    const sealed = await this.kv.take(key);
    return sealed ? pendingGrantSchema.parse(JSON.parse(this.box.open(sealed, key))) : null;
  }
}
