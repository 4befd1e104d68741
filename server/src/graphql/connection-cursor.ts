import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { identityNames } from '../auth/identity.js';
import { SealedCursors, type ConnectionFilter } from '../store/index.js';
import { apiError } from './errors.js';

/** A sealed index member (ids of at most 256 characters each): far below the sealed-cursor bound. */
const payloadSchema = z.object({ v: z.literal(1), m: z.string().min(1) });

/**
 * The `connections` cursor: the index member the page ended on, as a sealed cursor
 * (store/sealed-cursors.ts) bound to the listing's filters. A client can neither read nor forge
 * a position, and a cursor of one listing does not open for another set of filters (say, another
 * organization's).
 */
export class ConnectionCursors {
  readonly #cursors: SealedCursors<typeof payloadSchema>;

  constructor(secret: Buffer | undefined) {
    this.#cursors = new SealedCursors(secret ?? randomBytes(32), 'integration-connector connections cursor v1', payloadSchema);
  }

  seal(filter: ConnectionFilter, member: string): string {
    return this.#cursors.seal({ v: 1, m: member }, binding(filter));
  }

  /** The member to continue after; BAD_USER_INPUT for anything this server did not seal for these filters. */
  open(filter: ConnectionFilter, cursor: string): string {
    const payload = this.#cursors.open(cursor, binding(filter));
    if (!payload) throw apiError('BAD_USER_INPUT', 'This cursor is not valid for these filters.');
    return payload.m;
  }
}

const binding = ({ orgId, userId, provider }: ConnectionFilter) => identityNames.connectionListCursorBinding({ orgId, userId, provider });
