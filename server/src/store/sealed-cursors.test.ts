import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_SEALED_CURSOR_LENGTH, SealedCursors } from './sealed-cursors.js';

const secret = randomBytes(32);
const schema = z.object({ v: z.literal(1), at: z.number() });
const cursors = new SealedCursors(secret, 'test cursor v1', schema);

describe('sealed cursors: one primitive under every kind of cursor', () => {
  it('opens what it sealed, for the same binding only', () => {
    const cursor = cursors.seal({ v: 1, at: 42 }, 'org-a/user-1');
    expect(cursors.open(cursor, 'org-a/user-1')).toEqual({ v: 1, at: 42 });
    expect(cursors.open(cursor, 'org-b/user-1')).toBeNull();
  });

  it('never opens a cursor of another purpose, even under the same secret and binding', () => {
    const other = new SealedCursors(secret, 'another cursor v1', schema);
    expect(cursors.open(other.seal({ v: 1, at: 1 }, 'b'), 'b')).toBeNull();
  });

  it('refuses anything tampered with, of another shape, or longer than any cursor it seals', () => {
    const cursor = cursors.seal({ v: 1, at: 7 }, 'b');
    const flipped = `${cursor.slice(0, -2)}${cursor.endsWith('A') ? 'B' : 'A'}${cursor.slice(-1)}`;
    expect(cursors.open(flipped, 'b')).toBeNull();
    const loose = new SealedCursors(secret, 'test cursor v1', z.unknown());
    expect(cursors.open(loose.seal({ v: 2, at: 'x' }, 'b'), 'b')).toBeNull();
    expect(cursors.open('not a cursor', 'b')).toBeNull();
    expect(cursors.open(`${cursor}${'A'.repeat(MAX_SEALED_CURSOR_LENGTH)}`, 'b')).toBeNull();
  });
});
