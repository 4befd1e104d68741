import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { pagingRule } from './paging.js';

const paging = pagingRule({ defaultFirst: 20, maxFirst: 100, maxAfterLength: 10, invalidAfter: 'after is not a cursor of this list.' });

/** The code and message a refusal carries, as the client reads them. */
const refusal = (args: Parameters<typeof paging>[0]) => {
  try {
    paging(args);
  } catch (error) {
    if (error instanceof GraphQLError) return `${String(error.extensions.code)}: ${error.message}`;
    throw error;
  }
  return 'accepted';
};

describe('first/after, read the same way by every list', () => {
  it('pages from the start with the default size when nothing is given', () => {
    expect(paging({})).toEqual({ first: 20, after: null });
    expect(paging({ first: null, after: null })).toEqual({ first: 20, after: null });
    expect(paging({ first: 100, after: 'abc' })).toEqual({ first: 100, after: 'abc' });
  });

  it('refuses a size outside 1 to the maximum, or not whole', () => {
    for (const first of [0, -1, 101, 1.5])
      expect(refusal({ first }), String(first)).toBe('BAD_USER_INPUT: first must be between 1 and 100.');
  });

  it("refuses an after that cannot be one of the list's cursors: empty, or longer than any it hands out", () => {
    expect(refusal({ after: '' })).toBe('BAD_USER_INPUT: after is not a cursor of this list.');
    expect(refusal({ after: 'x'.repeat(11) })).toBe('BAD_USER_INPUT: after is not a cursor of this list.');
    expect(refusal({ after: 'x'.repeat(10) })).toBe('accepted');
  });
});
