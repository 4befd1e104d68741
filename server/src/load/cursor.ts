import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { identityNames, type Identity } from '../auth/identity.js';
import type { Position } from '../providers/item-source.js';
import type { ProviderId } from '../providers/registry.js';
import { SealedCursors } from '../store/index.js';

/**
 * The opaque `after` cursor of `load`: a sealed cursor (store/sealed-cursors.ts) of {run, expiry,
 * account, provider position}, bound to the identity and provider. A client can neither read nor
 * forge a position, and a cursor read by one identity fails to open for any other (or for
 * another provider). The key is derived from ENCRYPTION_KEY with HKDF, so it differs from the
 * key that seals tokens at rest, and never leaves the server.
 */
const payloadSchema = z.object({
  v: z.literal(1),
  /** Load run: names the scratch space of this walk through the account. */
  r: z.string().min(1),
  /** Expiry (epoch ms): the scratch space dies then, so must the cursor. */
  e: z.number(),
  /** The provider account the run read; a reconnect to another account invalidates it. */
  a: z.string(),
  p: z.json(),
  /** The provider cut this run's results short on some earlier page (absent: it did not). */
  i: z.literal(true).optional(),
  /** Items the run handed out before this position (for the log line at its end). */
  c: z.number().int().min(0).optional(),
});

export interface CursorPayload {
  run: string;
  expiresAt: number;
  accountId: string;
  position: Position;
  /** The provider reported, on an earlier page of this run, that it cut its results short. */
  incomplete: boolean;
  /** Items the run handed out before this position. */
  count: number;
}

export type CursorProblem = 'invalid' | 'expired';

export class CursorError extends Error {
  override readonly name = 'CursorError';
  constructor(readonly problem: CursorProblem) {
    super(
      problem === 'expired'
        ? 'This cursor has expired; load again from the start.'
        : 'This cursor is not valid for this identity and provider.',
    );
  }
}

export class CursorSealer {
  readonly #cursors: SealedCursors<typeof payloadSchema>;

  constructor(secret: Buffer) {
    this.#cursors = new SealedCursors(secret, 'integration-connector load cursor v1', payloadSchema);
  }

  static newRun(): string {
    return randomBytes(12).toString('base64url');
  }

  seal(identity: Identity, provider: ProviderId, payload: CursorPayload): string {
    const body = {
      v: 1 as const,
      r: payload.run,
      e: payload.expiresAt,
      a: payload.accountId,
      p: payload.position,
      ...(payload.incomplete ? { i: true as const } : {}),
      c: payload.count,
    };
    return this.#cursors.seal(body, aad(identity, provider));
  }

  open(identity: Identity, provider: ProviderId, cursor: string, now = Date.now()): CursorPayload {
    const parsed = this.#cursors.open(cursor, aad(identity, provider));
    if (!parsed) throw new CursorError('invalid');
    if (parsed.e <= now) throw new CursorError('expired');
    const { r: run, e: expiresAt, a: accountId, p: position } = parsed;
    return { run, expiresAt, accountId, position, incomplete: parsed.i === true, count: parsed.c ?? 0 };
  }
}

const aad = (identity: Identity, provider: ProviderId) => identityNames.cursorBinding(identity, provider);
