import { z } from 'zod';
import { apiError } from './errors.js';

export interface PageArguments {
  first: number;
  /** The cursor as given (each list opens its own); null: from the start. */
  after: string | null;
}

export interface PagingRule {
  defaultFirst: number;
  maxFirst: number;
  /** Longer than any cursor this list hands out. */
  maxAfterLength: number;
  /** The BAD_USER_INPUT message for an `after` that cannot be one of this list's cursors. */
  invalidAfter: string;
}

/**
 * The one reading of `first` and `after`, for every list of the API (load, connections,
 * failedWebhookDeliveries): `first` a whole number from 1 to the list's maximum (its default when
 * absent); `after` absent or null (from the start), or a non-empty string no longer than the
 * list's cursors. Whether it is really one of them is the list's to decide when it opens it.
 */
export function pagingRule(rule: PagingRule): (args: { first?: number | null; after?: string | null }) => PageArguments {
  const first = z.number().int().min(1).max(rule.maxFirst);
  const after = z.string().min(1).max(rule.maxAfterLength);
  return (args) => {
    const size = args.first ?? rule.defaultFirst;
    if (!first.safeParse(size).success) throw apiError('BAD_USER_INPUT', `first must be between 1 and ${rule.maxFirst}.`);
    if (args.after === null || args.after === undefined) return { first: size, after: null };
    if (!after.safeParse(args.after).success) throw apiError('BAD_USER_INPUT', rule.invalidAfter);
    return { first: size, after: args.after };
  };
}
