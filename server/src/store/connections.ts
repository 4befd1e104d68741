import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { identityNames } from '../auth/identity.js';
import { providerIdSchema } from '../providers/registry.js';
import type { ConnectionFilter, ConnectionIndex } from './connection-index.js';
import type { ConnectionEventType } from './connection-events.js';
import type { ConnectionOutbox } from './connection-outbox.js';
import type { KeyValueStore } from './key-value-store.js';
import type { SealedBox } from './sealed-box.js';

export const connectionSchema = z.object({
  provider: providerIdSchema,
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
 * Opened records kept in memory, by record key, with the exact stored bytes they were opened from.
 * Bounded: a miss only costs the decryption it would have cost anyway.
 */
const OPENED_RECORDS = 5_000;

/** One page of `list`: the connections in index order, each with its index member (the cursor position). */
export interface ConnectionPage {
  connections: Array<{ member: string; connection: StoredConnection }>;
  hasNextPage: boolean;
}

/**
 * Connections per org + user + provider, sealed at rest (the record key is the AAD). Kept until
 * disconnect. Writes after the first are compare-and-set on the stored version.
 *
 * Every change the host's backend hears about (created by `put`, deleted by `delete`, a `replace`
 * to RECONNECT_REQUIRED) writes its event into the connection's outbox in the same atomic step as
 * the record (see ConnectionOutbox), then updates the index directly; the outbox relay re-applies
 * the index from the record, so a crash in between leaves it wrong only until the relay runs.
 */
export class ConnectionStore {
  /**
   * Every read still fetches the record from the store; only opening it (AES-GCM, JSON, schema:
   * about 6% of a proxied call's CPU in bench/proxy.ts) is skipped when the stored bytes are the
   * very bytes opened before under the same record key. So a disconnect, a RECONNECT_REQUIRED or a
   * token written by another process is seen on the next read, as without it (there is no TTL and
   * no staleness), and an entry never serves another key: the key is the identity's own record key
   * (identityNames), and bytes copied under another key miss and fail to open there (the AAD).
   * Entries are frozen: every reader shares them.
   */
  readonly #opened = new LRUCache<string, { raw: string; connection: StoredConnection }>({ max: OPENED_RECORDS });

  constructor(
    private readonly kv: KeyValueStore,
    private readonly box: SealedBox,
    private readonly outbox: ConnectionOutbox,
    private readonly index: ConnectionIndex,
  ) {}

  /** Writes `next` (null: deletes) over `expected` together with the event; true when it wrote. */
  async #writeWithEvent(
    type: ConnectionEventType,
    connection: StoredConnection,
    expected: string | null,
    next: StoredConnection | null,
  ): Promise<boolean> {
    const status = type === 'connection.deleted' ? 'DISCONNECTED' : connection.status;
    const { orgId, userId, provider, account } = connection;
    await this.outbox.mark(connection);
    const written = await this.kv.compareAndSwapAppend(
      this.#key(connection),
      expected,
      next && this.#encode(next),
      this.outbox.event(type, { provider, orgId, userId, account, status }),
    );
    if (!written) return false;
    // Best effort: the relay brings the index in line from the outbox if this is lost.
    await this.index.sync(connection, next !== null).catch(() => undefined);
    this.outbox.wake();
    return true;
  }

  #key(k: ConnectionKey) {
    return identityNames.connectionKey(k, k.provider);
  }

  async #read(k: ConnectionKey): Promise<{ raw: string; connection: StoredConnection } | null> {
    const key = this.#key(k);
    const raw = await this.kv.get(key);
    if (!raw) {
      this.#opened.delete(key);
      return null;
    }
    const opened = this.#opened.get(key);
    if (opened?.raw === raw) return opened;
    const envelope = JSON.parse(raw) as Envelope;
    const connection = deepFreeze(connectionSchema.parse(JSON.parse(this.box.open(envelope.sealed, key))));
    const entry = { raw, connection };
    this.#opened.set(key, entry);
    return entry;
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
      if (await this.#writeWithEvent('connection.created', next, current?.raw ?? null, next)) return next;
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
    // Token refreshes are not news; a grant the provider stopped honouring is.
    const written =
      stored.status === 'RECONNECT_REQUIRED' && current.connection.status !== 'RECONNECT_REQUIRED'
        ? await this.#writeWithEvent('connection.reconnect_required', stored, current.raw, stored)
        : await this.kv.compareAndSet(this.#key(stored), current.raw, this.#encode(stored));
    if (!written) return null;
    this.#opened.delete(this.#key(stored));
    return stored;
  }

  /** Forgets the connection (with its `connection.deleted` event); false when there was none. */
  async delete(k: ConnectionKey): Promise<boolean> {
    for (;;) {
      const raw = await this.kv.get(this.#key(k));
      if (raw === null) return false;
      const connection = this.#open(k, raw) ?? this.#unreadable(k);
      if (await this.#writeWithEvent('connection.deleted', connection, raw, null)) {
        this.#opened.delete(this.#key(k));
        return true;
      }
    }
  }

  /**
   * A page of connections matching `filter`, in index order, after the member `after` (exclusive).
   * Members whose record is gone (an index entry the relay has not removed yet) are skipped.
   */
  async list(filter: ConnectionFilter, after: string | null, first: number): Promise<ConnectionPage> {
    const connections: ConnectionPage['connections'] = [];
    for await (const chunk of this.index.matching(filter, after)) {
      const records = await Promise.all(chunk.map(({ connection }) => this.get(connection)));
      for (const [i, record] of records.entries()) {
        if (!record) continue;
        if (connections.length === first) return { connections, hasNextPage: true };
        connections.push({ member: chunk[i]!.member, connection: record });
      }
    }
    return { connections, hasNextPage: false };
  }

  #open(k: ConnectionKey, raw: string): StoredConnection | null {
    try {
      return connectionSchema.parse(JSON.parse(this.box.open((JSON.parse(raw) as Envelope).sealed, this.#key(k))));
    } catch {
      return null;
    }
  }

  /** A record that no longer opens (another key, tampering) can still be deleted; its event names no account. */
  #unreadable(k: ConnectionKey): StoredConnection {
    return {
      ...k,
      status: 'CONNECTED',
      account: { id: '', name: null },
      scopes: [],
      accessToken: '',
      refreshToken: null,
      accessTokenExpiresAt: null,
      connectedAt: 0,
      metadata: {},
      version: 0,
    };
  }
}

/** A record shared by every reader of the cache: nobody may change it in place. */
function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) if (inner !== null && typeof inner === 'object') deepFreeze(inner as object);
  return Object.freeze(value);
}
