import { isDeepStrictEqual } from 'node:util';
import { cellInput, type InputContext } from './cell-input.js';
import { isoSecond } from './field-types.js';
import type { AirtableField, AirtableRecord, AirtableTable, CellValue } from './model.js';
import type { AirtableState, LocatedTable } from './state.js';
import { type Actor, MutationError, TransactionBuilder } from './transaction.js';
import { WEEK_MS } from './webhook-store.js';

/**
 * Records changing at the provider: created, edited (a rename is an edit of the primary field),
 * deleted to the base's trash, restored from it with the same id within 7 days, purged for good.
 * Each edit bumps the record's last-modified time and the changed fields' own times, and writes one
 * transaction to the base's webhooks. Both sides of a record link stay in step (the inverse cell
 * changes too). What does NOT happen, as at Airtable: a formula, rollup, lookup or count whose
 * inputs changed in another record does not bump this record's LAST_MODIFIED_TIME() (observed,
 * fact sheet 8.2) and, in the sandbox, is not reported in payloads either (UNCONFIRMED).
 */

/** Cells by field id or name; null (or an empty value) clears the cell. */
export type CellsInput = Record<string, unknown>;

/** Stores a cell; undefined removes it (the API omits empty cells). */
export function setCell(record: AirtableRecord, fieldId: string, value: CellValue | undefined): void {
  if (value === undefined) Reflect.deleteProperty(record.cells, fieldId);
  else record.cells[fieldId] = value;
}

export const fieldOf = (table: AirtableTable, ref: string): AirtableField => {
  const field = table.fields.find((f) => f.id === ref) ?? table.fields.find((f) => f.name === ref);
  if (!field) throw new MutationError(`Unknown field ${ref} in table ${table.name}`);
  return field;
};

export class RecordMutations {
  constructor(private readonly state: AirtableState) {}

  private now = () => this.state.runtime.clock.now();

  private located(tableId: string): LocatedTable {
    const found = this.state.table(tableId);
    if (!found) throw new MutationError(`Unknown table ${tableId}`);
    return found;
  }

  private inputContext(at: LocatedTable): InputContext {
    return {
      prng: this.state.prng(at.account),
      collaborators: at.account.collaborators,
      linkedTable: (field) => at.base.tables.find((t) => t.id === field.options?.linkedTableId),
      recordExists: (table, id) => this.state.record(id)?.table === table,
    };
  }

  /** Writes one stored cell; a link also writes its inverse on the linked records. */
  private write(
    b: TransactionBuilder,
    table: AirtableTable,
    record: AirtableRecord,
    field: AirtableField,
    value: CellValue | undefined,
  ): void {
    const previous = record.cells[field.id];
    if (isDeepStrictEqual(previous, value)) return;
    setCell(record, field.id, value);
    record.modifiedAt = b.at;
    record.fieldModifiedAt = { ...record.fieldModifiedAt, [field.id]: b.at };
    record.lastModifiedBy = b.actor.by;
    b.cellChanged(table, record, field.id, previous);
    const inverseId = field.options?.inverseLinkFieldId as string | undefined;
    const target = b.base.tables.find((t) => t.id === field.options?.linkedTableId);
    const inverse = target?.fields.find((f) => f.id === inverseId);
    if (field.type !== 'multipleRecordLinks' || !target || !inverse) return;
    const before = new Set((previous as string[] | undefined) ?? []);
    const after = new Set((value as string[] | undefined) ?? []);
    for (const id of new Set([...before, ...after])) {
      if (before.has(id) === after.has(id)) continue;
      const other = this.state.record(id);
      if (!other || other.table !== target) continue;
      const links = ((other.record.cells[inverse.id] as string[] | undefined) ?? []).filter((x) => x !== record.id);
      if (after.has(id)) links.push(record.id);
      this.writeRaw(b, target, other.record, inverse, links.length ? links : undefined);
    }
  }

  /** Like `write`, without touching the other side of a link (it is that other side). */
  private writeRaw(
    b: TransactionBuilder,
    table: AirtableTable,
    record: AirtableRecord,
    field: AirtableField,
    value: CellValue | undefined,
  ): void {
    const previous = record.cells[field.id];
    setCell(record, field.id, value);
    record.modifiedAt = b.at;
    record.fieldModifiedAt = { ...record.fieldModifiedAt, [field.id]: b.at };
    b.cellChanged(table, record, field.id, previous);
  }

  private writeAll(b: TransactionBuilder, at: LocatedTable, record: AirtableRecord, cells: CellsInput): void {
    const ctx = this.inputContext(at);
    const values = Object.entries(cells).map(([ref, value]) => {
      const field = fieldOf(at.table, ref);
      return [field, cellInput(field, value, ctx)] as const;
    });
    for (const [field, value] of values) this.write(b, at.table, record, field, value);
  }

  createRecord(tableId: string, cells: CellsInput, actor: Actor): AirtableRecord {
    const at = this.located(tableId);
    const b = new TransactionBuilder(at.account, at.base, actor, this.now());
    const record: AirtableRecord = {
      id: this.state.freshId(at.account, 'rec'),
      createdTime: isoSecond(b.at),
      cells: Object.create(null) as AirtableRecord['cells'],
      modifiedAt: b.at,
      createdBy: actor.by,
      lastModifiedBy: actor.by,
      autoNumber: at.table.nextAutoNumber++,
      commentCount: 0,
    };
    at.table.records.push(record);
    this.state.indexRecord({ ...at, record });
    b.recordCreated(at.table, record);
    this.writeAll(b, at, record, cells);
    record.modifiedAt = b.at;
    b.commit(this.state);
    return record;
  }

  updateRecord(recordId: string, cells: CellsInput, actor: Actor): AirtableRecord {
    const found = this.state.record(recordId);
    if (!found) throw new MutationError(`Unknown record ${recordId}`);
    const b = new TransactionBuilder(found.account, found.base, actor, this.now());
    this.writeAll(b, found, found.record, cells);
    b.commit(this.state);
    return found.record;
  }

  /** To the trash: gone from the API at once; its links are removed from the records it linked to. */
  deleteRecord(recordId: string, actor: Actor): void {
    const found = this.state.record(recordId);
    if (!found) throw new MutationError(`Unknown record ${recordId}`);
    const { table, record } = found;
    // The trash keeps the record as it was, links included, so a restore can bring them back.
    const copy = structuredClone(record);
    const b = new TransactionBuilder(found.account, found.base, actor, this.now());
    for (const field of table.fields.filter((f) => f.type === 'multipleRecordLinks')) this.write(b, table, record, field, undefined);
    // Self-links (no inverse field) point here from other records of the same table.
    for (const field of table.fields.filter((f) => f.type === 'multipleRecordLinks' && f.options?.linkedTableId === table.id))
      for (const r of table.records) {
        const links = r.cells[field.id] as string[] | undefined;
        if (r !== record && links?.includes(record.id))
          this.writeRaw(b, table, r, field, links.length > 1 ? links.filter((x) => x !== record.id) : undefined);
      }
    const position = table.records.indexOf(record);
    table.records.splice(position, 1);
    table.trash = table.trash.filter((t) => b.at - t.deletedAt < WEEK_MS);
    table.trash.push({ record: copy, position, deletedAt: b.at });
    this.state.unindexRecord(record.id);
    b.recordDestroyed(table, record.id);
    b.commit(this.state);
  }

  /** Back from the trash with the same id and creation time, within 7 days; links to records still there come back. */
  restoreRecord(recordId: string, actor: Actor): AirtableRecord {
    const home = this.state.accounts
      .flatMap((account) => account.bases.flatMap((base) => base.tables.map((table) => ({ account, base, table }))))
      .find((t) => t.table.trash.some((x) => x.record.id === recordId));
    const now = this.now();
    const trashed = home?.table.trash.find((x) => x.record.id === recordId && now - x.deletedAt < WEEK_MS);
    if (!home || !trashed) throw new MutationError(`Record ${recordId} is not in the trash (or was deleted more than 7 days ago)`);
    const { table } = home;
    table.trash = table.trash.filter((x) => x !== trashed);
    const record = trashed.record;
    const links = table.fields.filter((f) => f.type === 'multipleRecordLinks').map((f) => [f, record.cells[f.id]] as const);
    for (const [field] of links) setCell(record, field.id, undefined);
    table.records.splice(Math.min(trashed.position, table.records.length), 0, record);
    this.state.indexRecord({ ...home, record });
    const b = new TransactionBuilder(home.account, home.base, actor, now);
    b.recordCreated(table, record);
    // A restore is not an edit: the record keeps its last-modified times (UNCONFIRMED, docs/sandbox.md).
    const { modifiedAt, fieldModifiedAt, lastModifiedBy } = record;
    for (const [field, value] of links) {
      const alive = ((value as string[] | undefined) ?? []).filter((id) => this.state.record(id) !== undefined);
      if (alive.length) this.write(b, table, record, field, alive);
    }
    Object.assign(record, { modifiedAt, fieldModifiedAt, lastModifiedBy });
    b.commit(this.state);
    return record;
  }

  /** Emptied from the trash (or deleted and emptied at once): no restore after this. */
  purgeRecord(recordId: string, actor: Actor): void {
    const trashed = this.state.accounts.some((a) =>
      a.bases.some((b) => b.tables.some((t) => t.trash.some((x) => x.record.id === recordId))),
    );
    if (!this.state.record(recordId) && !trashed) throw new MutationError(`Unknown record ${recordId}`);
    if (this.state.record(recordId)) this.deleteRecord(recordId, actor);
    for (const account of this.state.accounts)
      for (const base of account.bases) for (const table of base.tables) table.trash = table.trash.filter((x) => x.record.id !== recordId);
  }
}
