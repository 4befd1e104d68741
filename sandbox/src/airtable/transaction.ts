import type { AirtableAccount, AirtableBase, AirtableRecord, AirtableTable, CellValue } from './model.js';
import type { AirtableState } from './state.js';
import { emptyTableChange, type Source, type TableChange, type Transaction } from './webhook-model.js';

/** Who makes a change: a source of the payload reference and, for people and the API, a collaborator. */
export interface Actor {
  source: Source;
  /** Index into the account's collaborators (0 = the account's user). */
  by: number;
}

export class MutationError extends Error {}

/**
 * One change at the provider, collected while a mutation runs and handed to the base's webhooks
 * at the end (one `baseTransactionNumber`, one payload per interested webhook).
 */
export class TransactionBuilder {
  readonly txn: Transaction;

  constructor(
    readonly account: AirtableAccount,
    readonly base: AirtableBase,
    readonly actor: Actor,
    readonly at: number,
  ) {
    const person = ['client', 'publicApi', 'formSubmission', 'formPageSubmission', 'automation'].includes(actor.source);
    const user = account.collaborators[actor.by];
    this.txn = {
      baseId: base.id,
      at,
      source: actor.source,
      user: person && user ? { ...user, permissionLevel: base.permissionLevel } : null,
      tables: new Map(),
      createdTables: new Map(),
      destroyedTableIds: [],
    };
  }

  table(table: AirtableTable): TableChange {
    let change = this.txn.tables.get(table.id);
    if (!change) this.txn.tables.set(table.id, (change = emptyTableChange(table.views.map((v) => v.id))));
    return change;
  }

  /** A stored cell changed (null = emptied); repeated changes in one transaction keep the first previous value. */
  cellChanged(table: AirtableTable, record: AirtableRecord, fieldId: string, previous: CellValue | undefined): void {
    const change = this.table(table);
    if (change.createdRecords.has(record.id)) {
      change.createdRecords.get(record.id)!.cells = { ...record.cells };
      return;
    }
    const entry = change.changedRecords.get(record.id) ?? { current: {}, previous: {}, after: {} };
    if (!(fieldId in entry.previous)) entry.previous[fieldId] = previous ?? null;
    entry.current[fieldId] = record.cells[fieldId] ?? null;
    entry.after = { ...record.cells };
    change.changedRecords.set(record.id, entry);
  }

  recordCreated(table: AirtableTable, record: AirtableRecord): void {
    this.table(table).createdRecords.set(record.id, { createdTime: record.createdTime, cells: { ...record.cells } });
  }

  recordDestroyed(table: AirtableTable, id: string): void {
    const change = this.table(table);
    change.changedRecords.delete(id);
    change.destroyedRecordIds.push(id);
  }

  /** Hands the transaction to the base's webhooks; an empty one still takes a transaction number. */
  commit(state: AirtableState): void {
    state.webhooks.record(this.txn);
  }
}
