import { randomBytes } from 'node:crypto';

/**
 * List-records iterators. The first page of a listing fixes which records it returns and in what
 * order (a snapshot); every later page returns those records' current values, skipping any deleted
 * meanwhile, and never a record created after the first page (estuary/connectors
 * `source-airtable-native/README.md`, "Pagination Behavior"). An offset looks like
 * `itr…/rec…` ([A5] examples; support article "API record limits"); one unused for `timeoutMs`, or
 * lost in a "server restart" (`expireAll`), answers 422 LIST_RECORDS_ITERATOR_NOT_AVAILABLE [A5].
 */

interface ListIterator {
  id: string;
  tableId: string;
  ids: string[];
  lastUsed: number;
  /** Offsets handed out, each with the position it resumes at (a retried page works). */
  offsets: Map<string, number>;
}

const OFFSET = /^(itr[A-Za-z0-9]{14})\/(rec[A-Za-z0-9]+)$/;
/** What Airtable accepts as an offset at all: anything else is INVALID_OFFSET_VALUE (observed, community thread). */
const OFFSET_LIKE = /^itr[A-Za-z0-9]+\/rec[A-Za-z0-9]*$/;

const iteratorId = () => `itr${randomBytes(16).toString('base64').replace(/[+/=]/g, '').slice(0, 14).padEnd(14, 'x')}`;

export type Resumed = { ok: true; ids: string[]; position: number; iterator: ListIterator } | { ok: false; reason: 'invalid' | 'expired' };

export class IteratorStore {
  private readonly iterators = new Map<string, ListIterator>();

  constructor(
    private readonly now: () => number,
    private readonly timeoutMs: number,
  ) {}

  start(tableId: string, ids: string[]): ListIterator {
    this.sweep();
    const iterator: ListIterator = { id: iteratorId(), tableId, ids, lastUsed: this.now(), offsets: new Map() };
    this.iterators.set(iterator.id, iterator);
    return iterator;
  }

  resume(offset: string, tableId: string): Resumed {
    if (!OFFSET_LIKE.test(offset)) return { ok: false, reason: 'invalid' };
    const id = OFFSET.exec(offset)?.[1];
    const iterator = id ? this.iterators.get(id) : undefined;
    const position = iterator?.offsets.get(offset);
    if (!iterator || position === undefined || iterator.tableId !== tableId || this.now() - iterator.lastUsed > this.timeoutMs)
      return { ok: false, reason: 'expired' };
    iterator.lastUsed = this.now();
    return { ok: true, ids: iterator.ids, position, iterator };
  }

  /** The offset of the page that starts at `position`, or undefined past the end. */
  offsetAt(iterator: ListIterator, position: number): string | undefined {
    const next = iterator.ids[position];
    if (next === undefined) return undefined;
    const offset = `${iterator.id}/${next}`;
    iterator.offsets.set(offset, position);
    return offset;
  }

  /** Every offset handed out stops working, as after a restart at Airtable. */
  expireAll(): void {
    this.iterators.clear();
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, iterator] of this.iterators) if (now - iterator.lastUsed > this.timeoutMs) this.iterators.delete(id);
  }
}
