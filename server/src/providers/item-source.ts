import type { z } from 'zod';
import type { Json, ProviderClient } from './calls.js';
import type { ProviderEndpoints } from './settings.js';

/**
 * The contract between the provider-agnostic load engine (load/) and one provider's data module
 * (`providers/<id>/items.ts`), and the item shape modules produce. The GraphQL type
 * `IntegrationItem` is mapped onto `Item` (codegen.ts `mappers`), so this is the one definition.
 */
export interface Item {
  id: string;
  type: string;
  directory: boolean;
  parentPathOrName: string | null;
  parentId: string | null;
  name: string;
  /** ISO-8601 UTC (see `isoTime`). */
  creationTime: string | null;
  lastModifiedTime: string | null;
  url: string | null;
  children: string[] | null;
  mimeType: string | null;
  delta: string | null;
  driveId: string | null;
  visibility: boolean | null;
}

/** Where a provider module resumes: small JSON, sealed into the opaque GraphQL cursor. */
export type Position = Json;

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

/** The connection a module reads for: its account and the facts recorded at connect, never its tokens. */
export interface ConnectionFacts {
  account: { id: string; name: string | null };
  metadata: Record<string, string>;
}

export interface SourceContext {
  client: ProviderClient;
  endpoints: ProviderEndpoints;
  connection: ConnectionFacts;
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
  /** The position of the first item of a fresh load. */
  start: Position;
  /** Up to `want` items from `position`, with a bounded number of provider calls. */
  read(position: Position, want: number, context: SourceContext): Promise<Step>;
}

/** The cursor points at scratch data that is gone (run expired), or at another provider's position: start again. */
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

/** Up to `want` entries of one provider answer, each with the position right after it. */
export interface Slice<T> {
  entries: T[];
  /** The entries as items, each carrying its resume position. */
  emit(toItem: (entry: T) => Item): Emitted[];
  /** Where the next read starts. */
  next: Position | null;
}

/**
 * The `want` entries of `all` from `skip` on. `at(n)` is the position of entry n of this same
 * answer (read again to resume inside it); `afterAll` is where reading goes on once the answer is
 * used up (null: the account is done, and the last entry keeps `at(n)`, which reads as empty).
 */
export function sliceFrom<T>(
  all: readonly T[],
  skip: number,
  want: number,
  at: (index: number) => Position,
  afterAll: Position | null,
): Slice<T> {
  const entries = all.slice(skip, skip + want);
  const after = (index: number): Position => (index >= all.length && afterAll !== null ? afterAll : at(index));
  return {
    entries,
    emit: (toItem) => entries.map((entry, i) => ({ item: toItem(entry), after: after(skip + i + 1) })),
    next: skip + entries.length >= all.length ? afterAll : at(skip + entries.length),
  };
}
