import { deriveSeed, Prng } from '../shared/prng.js';
import { airtableId } from './field-types.js';
import type { ProviderRuntime } from '../shared/runtime.js';
import type { ReadContext } from './cells.js';
import { IteratorStore } from './iterators.js';
import type { AirtableAccount, AirtableBase, AirtableRecord, AirtableTable } from './model.js';
import { Notifier } from './notifications.js';
import type { AirtableSettings } from './options.js';
import { WebhookStore } from './webhook-store.js';

export interface LocatedTable {
  account: AirtableAccount;
  base: AirtableBase;
  table: AirtableTable;
}
export interface LocatedRecord extends LocatedTable {
  record: AirtableRecord;
}

/**
 * What the simulator keeps beside its accounts, shared by its app (the API) and its handle (tests,
 * benchmarks, the demo): id indexes, list-records iterators, webhooks and their pings, and the
 * seeded stream new ids come from. One per running sandbox (keyed by its accounts list).
 */
export class AirtableState {
  readonly webhooks: WebhookStore;
  readonly notifier: Notifier;
  readonly iterators: IteratorStore;
  private readonly records = new Map<string, LocatedRecord>();
  private readonly tables = new Map<string, LocatedTable>();
  private readonly prngs = new Map<number, Prng>();
  /** Every id handed out (records, tables, fields, bases), so a new one never repeats one. */
  private readonly ids = new Set<string>();

  constructor(
    readonly runtime: ProviderRuntime<AirtableSettings>,
    readonly accounts: AirtableAccount[],
  ) {
    const now = runtime.clock.now;
    this.notifier = new Notifier({ ...runtime.options.notifications }, now);
    this.webhooks = new WebhookStore(now, (webhook) => this.notifier.payloadAdded(webhook));
    this.iterators = new IteratorStore(now, runtime.options.offsetTimeoutMs);
    for (const account of accounts)
      for (const base of account.bases) {
        this.ids.add(base.id);
        for (const table of base.tables) this.indexTable({ account, base, table });
      }
  }

  /** A new id for this account (`rec`, `tbl`, `fld`, `viw`, `app`…): seeded, and never one already in use. */
  freshId(account: AirtableAccount, prefix: string): string {
    let id = airtableId(this.prng(account), prefix);
    while (this.ids.has(id)) id = airtableId(this.prng(account), prefix);
    this.ids.add(id);
    return id;
  }

  /** New ids and values at the provider: seeded per account, so a test's mutations are repeatable. */
  prng(account: AirtableAccount): Prng {
    let prng = this.prngs.get(account.index);
    if (!prng)
      this.prngs.set(account.index, (prng = new Prng(deriveSeed(this.runtime.shared.seed, `airtable:mutations:${account.index}`))));
    return prng;
  }

  indexTable(located: LocatedTable): void {
    this.tables.set(located.table.id, located);
    this.ids.add(located.table.id);
    for (const field of located.table.fields) this.ids.add(field.id);
    for (const record of located.table.records) {
      this.records.set(record.id, { ...located, record });
      this.ids.add(record.id);
    }
  }

  unindexTable(table: AirtableTable): void {
    this.tables.delete(table.id);
    for (const record of table.records) this.records.delete(record.id);
  }

  indexRecord(located: LocatedRecord): void {
    this.records.set(located.record.id, located);
  }

  unindexRecord(id: string): void {
    this.records.delete(id);
  }

  record(id: string): LocatedRecord | undefined {
    return this.records.get(id);
  }

  table(id: string): LocatedTable | undefined {
    return this.tables.get(id);
  }

  base(id: string): { account: AirtableAccount; base: AirtableBase } | undefined {
    for (const account of this.accounts) {
      const base = account.bases.find((b) => b.id === id);
      if (base) return { account, base };
    }
    return undefined;
  }

  /** What reading a record of this base needs: its users, and the base's other records and tables. */
  readContext(account: AirtableAccount, base: AirtableBase): ReadContext {
    return {
      collaborators: account.collaborators,
      recordById: (id) => {
        const found = this.records.get(id);
        return found?.base === base ? found.record : undefined;
      },
      tableById: (id) => {
        const found = this.tables.get(id);
        return found?.base === base ? found.table : undefined;
      },
    };
  }
}

const states = new WeakMap<AirtableAccount[], AirtableState>();

/** The one state of the simulator serving these accounts (the app and the handle ask for the same one). */
export function airtableState(runtime: ProviderRuntime<AirtableSettings>, accounts: AirtableAccount[]): AirtableState {
  let state = states.get(accounts);
  if (!state) states.set(accounts, (state = new AirtableState(runtime, accounts)));
  return state;
}
