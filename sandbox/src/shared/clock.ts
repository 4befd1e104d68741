/**
 * The sandbox's one idea of "now" for what the providers record and expire: record timestamps
 * (each provider's last-modified fields, webhook payload times), retention (7-day webhook payloads,
 * archives), search indexing delays, token lifetimes. Real time plus an
 * offset that only moves forward, so tests and the demo can jump over a week in a millisecond while
 * everything that measures real throughput (rate-limit windows) keeps real time.
 */
export class SandboxClock {
  #offsetMs = 0;

  constructor(private readonly realNow: () => number = Date.now) {}

  /** Epoch milliseconds at the provider. */
  readonly now = (): number => this.realNow() + this.#offsetMs;

  /** How far the provider's clock runs ahead of real time. */
  get offsetMs(): number {
    return this.#offsetMs;
  }

  /** Moves the provider's time forward (a negative step is refused: providers' clocks do not run back). */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`The sandbox clock only moves forward (got ${ms} ms)`);
    this.#offsetMs += ms;
    return this.now();
  }

  /** ISO-8601 of `now()`, as the providers write their times. */
  iso(): string {
    return new Date(this.now()).toISOString();
  }
}
