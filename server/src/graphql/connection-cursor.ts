import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { identityNames } from '../auth/identity.js';
import { SealedBox, type ConnectionFilter } from '../store/index.js';
import { apiError } from './errors.js';

const payloadSchema = z.object({ v: z.literal(1), m: z.string().min(1) });

/** The longest `after` worth opening: a sealed index member of ids of at most 256 characters each. */
const MAX_CURSOR_LENGTH = 4_096;

/**
 * The `connections` cursor: the index member the page ended on, sealed (AES-256-GCM under a key
 * derived from ENCRYPTION_KEY for this purpose only) with the listing's filters as additional data.
 * A client can neither read nor forge a position, and a cursor of one listing does not open for
 * another set of filters (say, another organization's).
 */
export class ConnectionCursors {
  readonly #box: SealedBox;

  constructor(secret: Buffer | undefined) {
    this.#box = SealedBox.derive(secret ?? randomBytes(32), 'integration-connector connections cursor v1');
  }

  seal(filter: ConnectionFilter, member: string): string {
    return this.#box.seal(JSON.stringify({ v: 1, m: member }), binding(filter));
  }

  /** The member to continue after; BAD_USER_INPUT for anything this server did not seal for these filters. */
  open(filter: ConnectionFilter, cursor: string): string {
    try {
      if (cursor.length > MAX_CURSOR_LENGTH) throw new Error('too long');
      return payloadSchema.parse(JSON.parse(this.#box.open(cursor, binding(filter)))).m;
    } catch {
      throw apiError('BAD_USER_INPUT', 'This cursor is not valid for these filters.');
    }
  }
}

const binding = ({ orgId, userId, provider }: ConnectionFilter) => identityNames.connectionListCursorBinding({ orgId, userId, provider });
