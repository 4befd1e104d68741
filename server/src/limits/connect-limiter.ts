import { identityNames, type Identity } from '../auth/identity.js';
import { spend, type FixedWindows } from './fixed-windows.js';

export interface ConnectBudget {
  /** `connect` calls per identity per minute. */
  perIdentity: number;
  /** `connect` calls per client IP per minute. */
  perIp: number;
}

/**
 * Limits how often `connect` may start an attempt, per identity and per client IP (one-minute
 * windows), shared by every instance when the store is Redis.
 */
export class ConnectLimiter {
  readonly #perIdentity;
  readonly #perIp;

  constructor(budget: ConnectBudget, windows: FixedWindows) {
    this.#perIdentity = windows(budget.perIdentity, 60, 'connect-identity');
    this.#perIp = windows(budget.perIp, 60, 'connect-ip');
  }

  /** Resolves when allowed; otherwise returns the seconds to wait. */
  async consume(identity: Identity, ip: string): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
    const waitMs = (await spend(this.#perIp, ip)) ?? (await spend(this.#perIdentity, identityNames.connectLimit(identity)));
    return waitMs === null ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000) };
  }
}
