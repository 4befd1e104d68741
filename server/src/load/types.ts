import type { z } from 'zod';
import type { ProviderEndpoints, ProviderId } from '../config/env.js';
import type { ProviderHttpError } from '../providers/provider-http.js';
import type { IntegrationItem } from '../graphql/generated/resolvers-types.js';
import type { StoredConnection } from '../store/index.js';

/**
 * The contract between the provider-agnostic load engine and one provider's data module
 * (`providers/<id>/items.ts`). A module never sees a token: it describes calls, the client
 * authenticates, limits and retries them.
 */

export type Item = Omit<IntegrationItem, '__typename'>;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Where a provider module resumes: small JSON, sealed into the opaque GraphQL cursor. */
export type Position = Json;

/** One published rate limit: at most `max` calls per rolling `windowMs` on `key`. */
export interface LimitRule {
  key: string;
  max: number;
  windowMs: number;
}

export interface ProviderCall {
  url: string;
  method?: 'GET' | 'POST';
  body?: Json;
  headers?: Record<string, string>;
  /** Every rule must admit the call before it is sent. */
  limits: LimitRule[];
}

/**
 * What a provider's 429 means, read by the provider module (its body names the limit): give up,
 * or retry after `waitMs` (a documented lock-out or window), or after the usual Retry-After and
 * backoff when `waitMs` is absent.
 */
export type RateLimitVerdict = { retry: false } | { retry: true; waitMs?: number };

/** Rate-limited, retrying, token-refreshing JSON calls to one connection's provider. */
export interface ProviderClient {
  json<T extends z.ZodType>(schema: T, call: ProviderCall): Promise<z.output<T>>;
}

/**
 * Scratch space of one load run (one walk from the first page to the last), in the store with a
 * TTL: where a module keeps what must outlive a GraphQL page without living in server memory.
 */
export interface Scratch {
  get<T extends z.ZodType>(name: string, schema: T): Promise<z.output<T> | null>;
  getMany<T extends z.ZodType>(names: readonly string[], schema: T): Promise<Map<string, z.output<T>>>;
  set(name: string, value: Json): Promise<void>;
  setMany(entries: ReadonlyArray<readonly [string, Json]>): Promise<void>;
}

export interface SourceContext {
  client: ProviderClient;
  endpoints: ProviderEndpoints;
  /** The connection without its tokens. */
  connection: Pick<StoredConnection, 'account' | 'metadata'>;
  scratch: Scratch;
}

export interface Emitted {
  item: Item;
  /** The position right after this item (its edge cursor). */
  after: Position;
}

export interface Step {
  /** At most `want` items. May be empty while `next` is not null (work done, nothing to show yet). */
  items: Emitted[];
  /** Where the next read starts; null when the account is exhausted. */
  next: Position | null;
  /**
   * The provider said it cut its results short (a server-side result cap): the list this run
   * reads is not the whole account. The engine reports it on this page and every later one.
   */
  incomplete?: boolean;
  /** How many items the whole run holds, when the provider says so (a list endpoint's total). */
  total?: number;
}

export interface ItemSource {
  provider: ProviderId;
  /** The position of the first item of a fresh load. */
  start: Position;
  /** Up to `want` items from `position`, with a bounded number of provider calls. */
  read(position: Position, want: number, context: SourceContext): Promise<Step>;
  /**
   * How this provider's 429s are to be read; `attempt` is 1 for the first retry. Without it a 429
   * is retried after Retry-After or the usual backoff.
   */
  rateLimited?(error: ProviderHttpError, attempt: number): RateLimitVerdict;
}

/**
 * The provider's rate limit for this connection is used up for longer than the caller may wait, or
 * it kept answering 429 after every retry. `retryAfterMs`: when a slot frees up, when known.
 */
export class ProviderRateLimitedError extends Error {
  override readonly name = 'ProviderRateLimitedError';
  constructor(
    readonly provider: ProviderId,
    readonly retryAfterMs: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(`The ${provider} rate limit for this connection is used up`, options);
  }
}

/** The cursor points at scratch data that is gone (run expired); the client must start again. */
export class StaleCursorError extends Error {
  override readonly name = 'StaleCursorError';
}

/** Fills the fields a provider does not have. */
export function item(fields: Pick<Item, 'id' | 'type' | 'name' | 'directory'> & Partial<Item>): Item {
  return {
    parentId: null,
    parentPathOrName: null,
    creationTime: null,
    lastModifiedTime: null,
    url: null,
    children: null,
    mimeType: null,
    delta: null,
    driveId: null,
    visibility: null,
    ...fields,
  };
}

/** Provider timestamps as the ISO UTC strings the DateTime scalar accepts, or null. */
export function isoTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Positions come back out of a cursor as JSON: modules read them through a zod schema. */
export function positionOf<T extends z.ZodType>(schema: T, position: Position): z.output<T> {
  const parsed = schema.safeParse(position);
  if (!parsed.success) throw new StaleCursorError('The cursor does not belong to this provider.');
  return parsed.data;
}
