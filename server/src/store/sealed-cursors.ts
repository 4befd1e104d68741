import type { z } from 'zod';
import { SealedBox } from './sealed-box.js';

/** Longer than any cursor sealed here: nothing longer is worth decrypting. */
export const MAX_SEALED_CURSOR_LENGTH = 4_096;

/**
 * Opaque cursors: a small JSON payload sealed with AES-256-GCM under a key derived from the
 * server's secret for one purpose only, with what the cursor is bound to (an identity and
 * provider, a listing's filters) as the additional authenticated data. A client can neither read
 * nor forge one, and a cursor bound to one thing does not open for another. Each kind of cursor
 * is a schema (and a purpose) on top of this.
 */
export class SealedCursors<Schema extends z.ZodType> {
  readonly #box: SealedBox;

  constructor(
    secret: Buffer,
    purpose: string,
    private readonly schema: Schema,
  ) {
    this.#box = SealedBox.derive(secret, purpose);
  }

  seal(payload: z.input<Schema>, binding: string): string {
    return this.#box.seal(JSON.stringify(payload), binding);
  }

  /** The payload; null for anything not sealed here for this binding, tampered with, or not of the schema. */
  open(cursor: string, binding: string): z.output<Schema> | null {
    if (cursor.length > MAX_SEALED_CURSOR_LENGTH) return null;
    let json: unknown;
    try {
      json = JSON.parse(this.#box.open(cursor, binding));
    } catch {
      return null;
    }
    const parsed = this.schema.safeParse(json);
    return parsed.success ? parsed.data : null;
  }
}
