import { z } from 'zod';
import { providerIdSchema } from '../providers/registry.js';
import type { KeyValueStore } from './key-value-store.js';
import { keys } from './keys.js';
import type { SealedBox } from './sealed-box.js';

/** One run of the OAuth consent flow: created by `connect`, consumed once by the callback. */
export const attemptSchema = z.object({
  id: z.string().min(1),
  state: z.string().min(1),
  provider: providerIdSchema,
  orgId: z.string(),
  userId: z.string(),
  /** Origin of the page that asked to connect: the only target the callback page posts to. */
  origin: z.string(),
  /** Where the consent page is shown: decides how the callback hands over the confirmation. */
  display: z.enum(['POPUP', 'REDIRECT']).optional(),
  /** Redirect mode: where the callback sends the browser back to; popup mode: where a popup without opener continues. */
  returnTo: z.string().optional(),
  /** An admin's deliberate connect link: the grant is stored without the browser's confirmation. */
  link: z.boolean().default(false),
  codeVerifier: z.string().optional(),
  createdAt: z.number(),
  expiresAt: z.number(),
});
export type Attempt = z.infer<typeof attemptSchema>;
export type NewAttempt = z.input<typeof attemptSchema>;

/** Attempts stored before `display` existed meant redirect mode by carrying a returnTo. */
export const displayOf = (attempt: Attempt): 'POPUP' | 'REDIRECT' => attempt.display ?? (attempt.returnTo ? 'REDIRECT' : 'POPUP');

export const attemptOutcomeSchema = z.object({
  id: z.string(),
  provider: providerIdSchema,
  status: z.enum(['PENDING', 'AWAITING_CONFIRMATION', 'CONNECTED', 'DENIED', 'FAILED', 'EXPIRED']),
  errorCode: z.string().optional(),
  expiresAt: z.number(),
  /** Whose attempt it is: a signed session may only read its own. */
  orgId: z.string(),
  userId: z.string(),
});
export type AttemptOutcome = z.infer<typeof attemptOutcomeSchema>;

/**
 * Attempts live under their state (single use, consumed atomically) and their outcome lives
 * under the attempt id for the same TTL, so any server instance can answer `connectAttempt`.
 * The attempt holds the PKCE verifier, so it is sealed like a connection.
 */
export class AttemptStore {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly box: SealedBox,
    private readonly now: () => number = Date.now,
  ) {}

  async create(attempt: NewAttempt): Promise<void> {
    const ttlMs = attempt.expiresAt - this.now();
    if (ttlMs <= 0) throw new Error('Attempt already expired');
    const key = keys.attemptByState(attempt.state);
    const created = await this.kv.set(key, this.box.seal(JSON.stringify(attempt), key), { ttlMs, onlyIfAbsent: true });
    if (!created) throw new Error('Attempt state collision');
    await this.recordOutcome({
      id: attempt.id,
      provider: attempt.provider,
      status: 'PENDING',
      expiresAt: attempt.expiresAt,
      orgId: attempt.orgId,
      userId: attempt.userId,
    });
  }

  /** Returns the attempt to exactly one caller, once; null when unknown, used or expired. */
  async consume(state: string): Promise<Attempt | null> {
    const key = keys.attemptByState(state);
    const sealed = await this.kv.take(key);
    if (!sealed) return null;
    const attempt = attemptSchema.parse(JSON.parse(this.box.open(sealed, key)));
    return attempt.expiresAt > this.now() ? attempt : null;
  }

  async recordOutcome(outcome: AttemptOutcome): Promise<void> {
    // Outcomes outlive the attempt a little, so a widget polling at the deadline still gets an answer.
    const ttlMs = Math.max(outcome.expiresAt - this.now(), 0) + 60_000;
    await this.kv.set(keys.attemptOutcome(outcome.id), JSON.stringify(outcome), { ttlMs });
  }

  async readOutcome(attemptId: string): Promise<AttemptOutcome | null> {
    const raw = await this.kv.get(keys.attemptOutcome(attemptId));
    if (!raw) return null;
    const outcome = attemptOutcomeSchema.parse(JSON.parse(raw));
    const waiting = outcome.status === 'PENDING' || outcome.status === 'AWAITING_CONFIRMATION';
    if (waiting && outcome.expiresAt <= this.now()) return { ...outcome, status: 'EXPIRED' };
    return outcome;
  }
}
