import { z } from 'zod';
import { identityNames } from '../auth/identity.js';
import type { KeyValueStore } from './key-value-store.js';
import type { SealedBox } from './sealed-box.js';

export const connectionSchema = z.object({
  provider: z.string(),
  orgId: z.string(),
  userId: z.string(),
  status: z.enum(['CONNECTED', 'RECONNECT_REQUIRED']),
  account: z.object({ id: z.string(), name: z.string().nullable() }),
  scopes: z.array(z.string()),
  accessToken: z.string(),
  refreshToken: z.string().nullable(),
  /** Epoch ms; null when the provider sets no expiry (some never expire tokens). */
  accessTokenExpiresAt: z.number().nullable(),
  connectedAt: z.number(),
  /** Provider-specific facts the server needs later (e.g. an account id for record URLs). */
  metadata: z.record(z.string(), z.string()).default({}),
  /**
   * Set when a refresh answered but the check of whose account the new token reaches could not
   * run: the token is kept (a rotating provider already killed the old one) but not used before a
   * later refresh passes the check.
   */
  accountUnverified: z.boolean().optional(),
  /** Incremented by every write; writers compare-and-set on it so a stale writer never wins. */
  version: z.number().int().nonnegative(),
});
export type StoredConnection = z.infer<typeof connectionSchema>;
export type ConnectionKey = Pick<StoredConnection, 'orgId' | 'userId' | 'provider'>;

interface Envelope {
  version: number;
  sealed: string;
}

/**
 * Connections per org + user + provider, sealed at rest (the record key is the AAD). Kept until
 * disconnect. Writes after the first are compare-and-set on the stored version.
 */
export class ConnectionStore {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly box: SealedBox,
  ) {}

  #key(k: ConnectionKey) {
    return identityNames.connectionKey(k, k.provider);
  }

  async #read(k: ConnectionKey): Promise<{ raw: string; connection: StoredConnection } | null> {
    const key = this.#key(k);
    const raw = await this.kv.get(key);
    if (!raw) return null;
    const envelope = JSON.parse(raw) as Envelope;
    const connection = connectionSchema.parse(JSON.parse(this.box.open(envelope.sealed, key)));
    return { raw, connection };
  }

  #encode(connection: StoredConnection): string {
    const envelope: Envelope = { version: connection.version, sealed: this.box.seal(JSON.stringify(connection), this.#key(connection)) };
    return JSON.stringify(envelope);
  }

  async get(k: ConnectionKey): Promise<StoredConnection | null> {
    return (await this.#read(k))?.connection ?? null;
  }

  /** Stores a fresh connection (a new consent), replacing any previous one for the same key. */
  async put(connection: Omit<StoredConnection, 'version'>): Promise<StoredConnection> {
    for (;;) {
      const current = await this.#read(connection);
      const next = { ...connection, version: (current?.connection.version ?? 0) + 1 };
      const written = current
        ? await this.kv.compareAndSet(this.#key(next), current.raw, this.#encode(next))
        : await this.kv.set(this.#key(next), this.#encode(next), { onlyIfAbsent: true });
      if (written) return next;
    }
  }

  /**
   * Writes `next` only if the stored record still has `expectedVersion`; returns the stored
   * record on success, or null when someone else wrote first (re-read and decide).
   */
  async replace(expectedVersion: number, next: Omit<StoredConnection, 'version'>): Promise<StoredConnection | null> {
    const current = await this.#read(next);
    if (current?.connection.version !== expectedVersion) return null;
    const stored = { ...next, version: expectedVersion + 1 };
    return (await this.kv.compareAndSet(this.#key(stored), current.raw, this.#encode(stored))) ? stored : null;
  }

  async delete(k: ConnectionKey): Promise<boolean> {
    return this.kv.delete(this.#key(k));
  }
}
