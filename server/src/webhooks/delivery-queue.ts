import type { ConnectionEvent, ConnectionEventSink } from '../store/index.js';

/**
 * The durable queue of webhook deliveries (docs/webhooks.md). One job per ConnectionEvent, keyed
 * by `event.id`: enqueueing an id the queue already holds does nothing, so the outbox relay may
 * hand an event twice. Delivery is at least once: a handler that throws, or an instance that dies
 * mid-delivery, makes the job run again later, with the same event. One instance at a time
 * holds a job (BullMQ's lock on Redis; one process in memory).
 */
export interface DeliveryQueue extends ConnectionEventSink {
  /** Start taking jobs; `handler` delivers one (throwing DeliveryFailure, or anything, means "try again later"). */
  process(handler: DeliveryHandler): DeliveryWorker;
  /** Deliveries that used up every attempt, newest failure first. */
  listFailed(page: { first: number; after?: string | null }): Promise<FailedDeliveryPage>;
  /** Put a failed delivery back for a fresh round of attempts, with the same event (same webhook-id). False when it is not failed. */
  redeliver(id: string): Promise<boolean>;
  close(): Promise<void>;
}

export type DeliveryHandler = (job: DeliveryJob) => Promise<void>;

export interface DeliveryJob {
  event: ConnectionEvent;
  /** 1 on the first try; counts every try, including redeliveries after a reset. */
  attempt: number;
  /** Aborted when this instance gives the job up (shutdown, or a simulated crash in tests). */
  signal: AbortSignal;
}

export interface DeliveryWorker {
  /** Stop taking jobs and let the running delivery finish. */
  close(): Promise<void>;
  /**
   * Tests only: die as a killed process would, mid-delivery. Nothing more is written for the running
   * job, so its lock lapses and another instance takes it over (on Redis; memory dies with its process).
   */
  crash(): Promise<void>;
}

/** What a failed try reports: the receiver's HTTP status, when it answered, and a short reason (never a body or a secret). */
export class DeliveryFailure extends Error {
  override readonly name = 'DeliveryFailure';
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

export interface FailedDelivery {
  id: string;
  event: ConnectionEvent;
  attempts: number;
  lastStatus: number | null;
  lastError: string;
  /** Epoch ms. */
  enqueuedAt: number;
  failedAt: number;
}

export interface FailedDeliveryPage {
  /** Each with the cursor that continues after it. */
  items: Array<FailedDelivery & { cursor: string }>;
  /** Opaque; pass as `after` for the next page. Null on the last page. */
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface DeliveryQueueOptions {
  /** Tries per round before a delivery is kept as failed. */
  attempts: number;
  /** The wait before try `attempt + 1`, after try `attempt` failed (1-based). */
  backoffMs: (attempt: number) => number;
  /** How long failed deliveries are kept (listed, redeliverable). */
  failedRetentionMs: number;
  /**
   * How long a delivered event's id is remembered, so the relay handing it again is a no-op. After
   * this, the same id would be delivered again (at least once, never lost).
   */
  deliveredRetentionMs: number;
  /**
   * Redis: how long an instance's claim on a running job lasts without renewal (renewed every half of
   * it while the instance lives). A killed instance's job is taken over after about this plus
   * `stalledCheckMs`. Memory ignores both.
   */
  lockMs: number;
  stalledCheckMs: number;
}

export const DEFAULT_QUEUE_TIMINGS = { lockMs: 30_000, stalledCheckMs: 15_000 } as const;

/** Page cursors are offsets into the failed list, newest first (a failure added meanwhile shifts a page by one). */
export function encodeOffset(offset: number): string {
  return Buffer.from(`failed:${offset}`).toString('base64url');
}

export function decodeOffset(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const match = /^failed:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new InvalidCursorError();
  return Number(match[1]);
}

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor() {
    super('The cursor is not one this list produced.');
  }
}
