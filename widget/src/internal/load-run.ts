import type { LoadQuery } from '../generated/graphql.js';
import { RequestError } from './graphql-client.js';
import type { Loaded } from './types.js';

type Page = LoadQuery['load'];

/** How long the server may wait for the provider's budget before telling us (then we say why we wait). */
export const MAX_SILENT_WAIT_S = 2;
/** When a rate-limited answer carries no hint. */
const DEFAULT_WAIT_S = 10;
/** Rate-limited answers in a row, with no page in between, before the load gives up. */
const MAX_WAITS_IN_A_ROW = 12;

export interface LoadRunOptions {
  /** One page from `after` (null: the start). */
  fetchPage: (after: string | null) => Promise<Page>;
  /** After every page: the items so far and where the next page starts (null: done). */
  onPage: (data: Loaded, after: string | null) => void;
  /** The provider's budget is used up until `until` (epoch ms); the run sleeps, then asks again. */
  onWait: (until: number) => void;
  signal: AbortSignal;
}

/** Resolves after `ms`, or rejects with the signal's reason once it aborts. */
export const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', abort, { once: true });
  });

/**
 * Pages through `load` from `after`, appending to `data`. PROVIDER_RATE_LIMITED is not a failure
 * here: the server answers it within MAX_SILENT_WAIT_S with when the budget frees up, the run waits
 * that long (saying so through `onWait`) and asks again with the same cursor, keeping its items.
 */
export async function runLoad(data: Loaded, after: string | null, { fetchPage, onPage, onWait, signal }: LoadRunOptions): Promise<Loaded> {
  for (let waits = 0; ;) {
    try {
      const page: Page = await fetchPage(after);
      waits = 0;
      data = {
        items: data.items.concat(page.edges.map((edge) => edge.node)),
        total: page.totalCount ?? data.total,
        incomplete: data.incomplete || page.incomplete,
      };
      after = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
      onPage(data, after);
      if (!after) return data;
    } catch (error) {
      if (!(error instanceof RequestError) || error.code !== 'PROVIDER_RATE_LIMITED' || ++waits > MAX_WAITS_IN_A_ROW) throw error;
      const until = Date.now() + (error.retryAfterSeconds ?? DEFAULT_WAIT_S) * 1000;
      onWait(until);
      await sleep(until - Date.now(), signal);
    }
  }
}
