import { identityNames, type Identity } from '../auth/identity.js';
import { spend, type FixedWindows } from './fixed-windows.js';

/** An identity used up one of its budgets; `retryAfterSeconds` says when the window resets. */
export class IdentityLimitError extends Error {
  override readonly name = 'IdentityLimitError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export interface LoadBudget {
  /** `load` runs (a first page without `after`) per identity per minute. */
  runsPerMinute: number;
  /** Bytes of scratch data an identity may write per `scratchWindowMs`. */
  scratchBytes: number;
  /** A load run's lifetime: scratch data written in one window is gone one run lifetime later. */
  scratchWindowMs: number;
}

/**
 * What one identity may spend on `load`: runs started per minute, and bytes of scratch data
 * written per run lifetime. Fixed windows, shared by every instance when the store is Redis:
 * data written in one window dies at most one run lifetime later, so an identity's live scratch
 * data never exceeds twice the byte budget.
 */
export class LoadLimiter {
  readonly #runs;
  readonly #scratch;

  constructor(budget: LoadBudget, windows: FixedWindows) {
    this.#runs = windows(budget.runsPerMinute, 60, 'load-runs');
    this.#scratch = windows(budget.scratchBytes, Math.ceil(budget.scratchWindowMs / 1000), 'scratch-bytes');
  }

  /** Before the first page of a new run. */
  async startRun(identity: Identity): Promise<void> {
    const waitMs = await spend(this.#runs, identityNames.loadRunLimit(identity));
    if (waitMs !== null) throw refusal(waitMs, (s) => `Too many loads started; retry in ${s} s.`);
  }

  /** Before writing `bytes` of scratch data (an estimate of what the store keeps, overhead included). */
  async spendScratch(identity: Identity, bytes: number): Promise<void> {
    const waitMs = await spend(this.#scratch, identityNames.scratchBudget(identity), bytes);
    if (waitMs !== null) throw refusal(waitMs, (s) => `This identity's loads hold too much data in progress; retry in ${s} s.`);
  }
}

function refusal(waitMs: number, message: (seconds: number) => string): IdentityLimitError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new IdentityLimitError(message(seconds), seconds);
}
