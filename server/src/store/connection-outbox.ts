import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { identityNames } from '../auth/identity.js';
import { providerIdSchema } from '../providers/registry.js';
import { indexedConnectionOf, type ConnectionIndex, type IndexedConnection } from './connection-index.js';
import type { ConnectionEvent, ConnectionEventSink, ConnectionEventType } from './connection-events.js';
import type { KeyValueStore } from './key-value-store.js';
import { keys } from './keys.js';
import type { LockManager } from './locks.js';

const eventSchema = z.object({
  id: z.string().min(1),
  type: z.enum(['connection.created', 'connection.deleted', 'connection.reconnect_required']),
  timestamp: z.string(),
  data: z.object({
    provider: providerIdSchema,
    orgId: z.string(),
    userId: z.string(),
    account: z.object({ id: z.string(), name: z.string().nullable() }),
    status: z.enum(['CONNECTED', 'RECONNECT_REQUIRED', 'DISCONNECTED']),
  }),
}) satisfies z.ZodType<ConnectionEvent>;

/** The few log calls the relay makes (pino's Logger has them). */
export interface RelayLog {
  warn(details: object, message: string): void;
  debug(details: object, message: string): void;
}

export interface RelayOptions {
  sink: ConnectionEventSink;
  log: RelayLog;
  /** How often to look for work another (crashed) instance left; a local write wakes the relay at once. */
  pollMs?: number;
}

export interface RunningRelay {
  /** Runs one pass now (or joins the one under way) and resolves when it is done. */
  drain(): Promise<void>;
  /** No new passes; waits (briefly) for the one under way. */
  stop(): Promise<void>;
}

/** One relay at a time across every instance; a pass stops well before the lease would lapse. */
const RELAY_LOCK = 'connection-outbox-relay';
const LOCK_TTL_MS = 30_000;
const PASS_BUDGET_MS = LOCK_TTL_MS / 3;
/**
 * A pending mark is dropped only once its outbox is empty and its last write is this old: a writer
 * marks just before its atomic step, so a relay that drained the outbox in between must not forget
 * the connection.
 */
const PENDING_GRACE_MS = 30_000;
const PENDING_PAGE = 200;
const EVENTS_PAGE = 50;
const BUSY_RETRY_MS = 250;
const STOP_WAIT_MS = 5_000;

/**
 * The transactional outbox of connection changes. A writer (`ConnectionStore`) first `mark`s the
 * connection in a global pending set (a spurious mark is harmless), then writes the record and
 * appends the event to the connection's outbox list in one atomic step (`compareAndSwapAppend`: the
 * list shares the record's hash tag, one slot on Redis Cluster), then `wake`s the local relay.
 *
 * The relay (one per process, one at a time across processes through a store lease) reads the
 * pending connections oldest first, and for each one walks its outbox in order: brings the index in
 * line with the record, hands the event to the sink, and only then removes it. A crash anywhere
 * loses nothing: an event leaves the outbox only after the sink took it, so a sink may see an event
 * again (same id) but never miss one, and events of one connection reach it in the order they were
 * written. A connection whose sink call failed keeps its remaining events for the next pass.
 */
export class ConnectionOutbox {
  readonly #listeners = new Set<() => void>();

  constructor(
    private readonly kv: KeyValueStore,
    private readonly index: ConnectionIndex,
    private readonly locks: LockManager,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new event for the outbox step (id: a random UUID, the same on every hand-over). */
  event(type: ConnectionEventType, data: ConnectionEvent['data']): { listKey: string; entry: string } {
    const event: ConnectionEvent = { id: randomUUID(), type, timestamp: new Date(this.now()).toISOString(), data };
    return { listKey: identityNames.connectionOutbox(data, data.provider), entry: JSON.stringify(event) };
  }

  /** Before the atomic step: the relay will look at this connection's outbox. */
  async mark(connection: IndexedConnection): Promise<void> {
    await this.kv.sortedAdd(keys.outboxPending, identityNames.connectionMember(connection, connection.provider), this.now());
  }

  /** After a local write: the relay of this process runs now instead of at its next poll. */
  wake(): void {
    for (const listener of this.#listeners) listener();
  }

  /** Events still in one connection's outbox, oldest first (for tests and diagnostics). */
  async pendingEvents(connection: IndexedConnection): Promise<ConnectionEvent[]> {
    const entries = await this.kv.listHead(identityNames.connectionOutbox(connection, connection.provider), 1_000);
    return entries.map((entry) => eventSchema.parse(JSON.parse(entry)));
  }

  startRelay({ sink, log, pollMs = 2_000 }: RelayOptions): RunningRelay {
    let stopped = false;
    let running: Promise<void> | null = null;
    let retry: NodeJS.Timeout | undefined;

    const pass = async (): Promise<void> => {
      const lease = await this.locks.tryAcquire(RELAY_LOCK, LOCK_TTL_MS);
      if (!lease) {
        // Another instance relays right now; it may have listed the pending set before our write.
        clearTimeout(retry);
        retry = setTimeout(trigger, BUSY_RETRY_MS);
        retry.unref();
        return;
      }
      try {
        await this.#relayPending(sink, log, () => stopped);
      } finally {
        await lease.release().catch(() => false);
      }
    };
    // Every wake asks for a pass that starts after it: a wake during a pass runs one more.
    let requested = 0;
    const run = (): Promise<void> => {
      requested++;
      if (running) return running;
      running = (async () => {
        let served = 0;
        while (served !== requested && !stopped) {
          served = requested;
          await pass().catch((error: unknown) =>
            log.warn({ err: messageOf(error) }, 'connection outbox relay pass failed; retrying at the next poll'),
          );
        }
      })().finally(() => (running = null));
      return running;
    };
    const trigger = () => void (stopped ? undefined : run());
    const poll = setInterval(trigger, pollMs);
    poll.unref();
    this.#listeners.add(trigger);
    queueMicrotask(trigger);

    return {
      drain: () => run(),
      stop: async () => {
        stopped = true;
        clearInterval(poll);
        clearTimeout(retry);
        this.#listeners.delete(trigger);
        if (running) await Promise.race([running, new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())]);
      },
    };
  }

  async #relayPending(sink: ConnectionEventSink, log: RelayLog, stopped: () => boolean): Promise<void> {
    const deadline = this.now() + PASS_BUDGET_MS;
    let offset = 0;
    for (;;) {
      const pending = await this.kv.sortedByScore(keys.outboxPending, offset, PENDING_PAGE);
      let removed = 0;
      for (const { member, score } of pending) {
        if (stopped() || this.now() > deadline) return;
        const connection = indexedConnectionOf(member);
        const emptied = connection ? await this.#relayOne(connection, sink, log) : true;
        if (emptied && (!connection || score < this.now() - PENDING_GRACE_MS)) {
          if (await this.kv.sortedRemove(keys.outboxPending, member, score)) removed++;
        }
      }
      if (pending.length < PENDING_PAGE) return;
      offset += pending.length - removed;
    }
  }

  /** Hands over one connection's events in order; true when its outbox is empty afterwards. */
  async #relayOne(connection: IndexedConnection, sink: ConnectionEventSink, log: RelayLog): Promise<boolean> {
    const listKey = identityNames.connectionOutbox(connection, connection.provider);
    let synced = false;
    for (;;) {
      const entries = await this.kv.listHead(listKey, EVENTS_PAGE);
      if (!entries.length) return true;
      if (!synced) {
        // From the record as it is now: correct whatever order earlier passes or writers ran in.
        const exists = (await this.kv.get(identityNames.connectionKey(connection, connection.provider))) !== null;
        await this.index.sync(connection, exists);
        synced = true;
      }
      for (const entry of entries) {
        const event = parseEvent(entry);
        if (event) {
          try {
            await sink.enqueue(event);
          } catch (error) {
            log.warn(
              { eventId: event.id, type: event.type, err: messageOf(error) },
              'connection event not handed over; kept for the next pass',
            );
            return false;
          }
        } else {
          log.warn({ listKey }, 'unreadable connection outbox entry dropped');
        }
        await this.kv.listRemove(listKey, entry);
      }
    }
  }
}

function parseEvent(entry: string): ConnectionEvent | null {
  try {
    return eventSchema.parse(JSON.parse(entry));
  } catch {
    return null;
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
