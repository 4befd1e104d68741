import type { ConnectionEvent } from '../store/index.js';
import {
  DeliveryFailure,
  decodeOffset,
  encodeOffset,
  type DeliveryHandler,
  type DeliveryQueue,
  type DeliveryQueueOptions,
  type DeliveryWorker,
  type FailedDelivery,
  type FailedDeliveryPage,
} from './delivery-queue.js';

interface Job {
  event: ConnectionEvent;
  state: 'waiting' | 'active' | 'delivered' | 'failed';
  attemptsMade: number;
  dueAt: number;
  enqueuedAt: number;
  finishedAt: number;
  lastStatus: number | null;
  lastError: string;
}

/**
 * The in-process queue of memory mode: the same contract as the Redis one, for one process (a
 * restart loses what is queued, as it loses the connections themselves).
 */
export class MemoryDeliveryQueue implements DeliveryQueue {
  readonly #jobs = new Map<string, Job>();
  readonly #workers = new Set<() => void>();
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(
    private readonly options: DeliveryQueueOptions,
    private readonly now: () => number = Date.now,
  ) {}

  async enqueue(event: ConnectionEvent): Promise<void> {
    this.#prune();
    if (this.#jobs.has(event.id)) return;
    const at = this.now();
    this.#jobs.set(event.id, {
      event: structuredClone(event),
      state: 'waiting',
      attemptsMade: 0,
      dueAt: at,
      enqueuedAt: at,
      finishedAt: 0,
      lastStatus: null,
      lastError: '',
    });
    this.#wake();
  }

  process(handler: DeliveryHandler): DeliveryWorker {
    let running: { job: Job; abort: AbortController; done: Promise<void> } | undefined;
    let stopped = false;
    const pump = () => {
      if (stopped || running || this.#closed) return;
      const job = this.#nextDue();
      if (!job) return;
      job.state = 'active';
      const abort = new AbortController();
      const attempt = job.attemptsMade + 1;
      const done = handler({ event: structuredClone(job.event), attempt, signal: abort.signal }).then(
        () => this.#settle(job, abort, null),
        (error: unknown) => this.#settle(job, abort, error),
      );
      running = { job, abort, done };
      void done.finally(() => {
        running = undefined;
        pump();
      });
    };
    this.#workers.add(pump);
    queueMicrotask(pump);
    const stop = () => {
      stopped = true;
      this.#workers.delete(pump);
    };
    return {
      close: async () => {
        stop();
        await running?.done;
      },
      crash: async () => {
        stop();
        if (!running) return;
        // No lock to lapse in one process: the job is free for the other workers at once.
        const { job, abort } = running;
        abort.abort(new Error('worker crashed'));
        job.state = 'waiting';
        this.#wake();
      },
    };
  }

  #settle(job: Job, abort: AbortController, error: unknown) {
    if (abort.signal.aborted || job.state !== 'active') return; // given up (crash): its outcome is not recorded
    const at = this.now();
    job.attemptsMade += 1;
    if (error === null) {
      job.state = 'delivered';
      job.finishedAt = at;
      return;
    }
    job.lastStatus = error instanceof DeliveryFailure ? error.status : null;
    job.lastError = error instanceof Error ? error.message : 'delivery failed';
    if (job.attemptsMade >= this.options.attempts) {
      job.state = 'failed';
      job.finishedAt = at;
      return;
    }
    job.state = 'waiting';
    job.dueAt = at + this.options.backoffMs(job.attemptsMade);
    this.#schedule();
  }

  #nextDue(): Job | undefined {
    const at = this.now();
    for (const job of this.#jobs.values()) if (job.state === 'waiting' && job.dueAt <= at) return job;
    this.#schedule();
    return undefined;
  }

  /** One timer for the earliest delayed job. */
  #schedule() {
    clearTimeout(this.#timer);
    let earliest = Infinity;
    for (const job of this.#jobs.values()) if (job.state === 'waiting') earliest = Math.min(earliest, job.dueAt);
    if (earliest === Infinity || this.#closed) return;
    this.#timer = setTimeout(() => this.#wake(), Math.max(0, earliest - this.now()));
    this.#timer.unref();
  }

  #wake() {
    for (const pump of this.#workers) pump();
    this.#schedule();
  }

  #prune() {
    const at = this.now();
    for (const [id, job] of this.#jobs) {
      const keep = job.state === 'failed' ? this.options.failedRetentionMs : this.options.deliveredRetentionMs;
      if ((job.state === 'failed' || job.state === 'delivered') && at - job.finishedAt >= keep) this.#jobs.delete(id);
    }
  }

  async listFailed({ first, after }: { first: number; after?: string | null }): Promise<FailedDeliveryPage> {
    this.#prune();
    const offset = decodeOffset(after);
    const failed = [...this.#jobs.values()].filter((job) => job.state === 'failed').sort((a, b) => b.finishedAt - a.finishedAt);
    const items = failed.slice(offset, offset + first).map((job, index): FailedDelivery & { cursor: string } => ({
      cursor: encodeOffset(offset + index + 1),
      id: job.event.id,
      event: structuredClone(job.event),
      attempts: job.attemptsMade,
      lastStatus: job.lastStatus,
      lastError: job.lastError,
      enqueuedAt: job.enqueuedAt,
      failedAt: job.finishedAt,
    }));
    const hasNextPage = offset + first < failed.length;
    return { items, hasNextPage, endCursor: hasNextPage ? encodeOffset(offset + first) : null };
  }

  async redeliver(id: string): Promise<boolean> {
    const job = this.#jobs.get(id);
    if (job?.state !== 'failed') return false;
    Object.assign(job, { state: 'waiting', attemptsMade: 0, dueAt: this.now(), finishedAt: 0 });
    this.#wake();
    return true;
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#workers.clear();
  }
}
