import * as computed from './computed-fields.js';
import { kindOf, makeField } from './field-types.js';
import type { AirtableAccount, AirtableBase, AirtableField, AirtableTable, PermissionLevel } from './model.js';
import { fieldOf, setCell } from './record-mutations.js';
import type { AirtableState, LocatedTable } from './state.js';
import { type Actor, MutationError, TransactionBuilder } from './transaction.js';
import { WEEK_MS } from './webhook-store.js';

/**
 * Tables, fields and bases changing at the provider. Table and field changes reach webhooks as
 * `createdTablesById` / `destroyedTableIds`, `changedMetadata` (name, description), and
 * `createdFieldsById` / `changedFieldsById` / `destroyedFieldIds` (…/model/webhooks-table-changed).
 * A deleted table waits in the trash for 7 days; only creators may restore it (support article
 * "Managing trash"). Base changes (created, renamed, shared or unshared with the integration, the
 * user's permission level) are no webhook event: they show in `GET /v0/meta/bases`.
 */

const fieldInfo = (f: AirtableField) => ({ name: f.name, type: f.type });

export class SchemaMutations {
  constructor(private readonly state: AirtableState) {}

  private now = () => this.state.runtime.clock.now();

  private located(tableId: string): LocatedTable {
    const found = this.state.table(tableId);
    if (!found) throw new MutationError(`Unknown table ${tableId}`);
    return found;
  }

  private base(baseId: string): { account: AirtableAccount; base: AirtableBase } {
    const found = this.state.base(baseId);
    if (!found) throw new MutationError(`Unknown base ${baseId}`);
    return found;
  }

  createTable(baseId: string, name: string, description: string | undefined, actor: Actor): AirtableTable {
    const { account, base } = this.base(baseId);
    if (base.tables.some((t) => t.name === name)) throw new MutationError(`A table named "${name}" exists in the base`);
    const primary: AirtableField = { id: this.state.freshId(account, 'fld'), name: 'Name', type: 'singleLineText' };
    const table: AirtableTable = {
      id: this.state.freshId(account, 'tbl'),
      name,
      ...(description ? { description } : {}),
      primaryFieldId: primary.id,
      fields: [primary],
      views: [{ id: this.state.freshId(account, 'viw'), name: 'Grid view', type: 'grid' }],
      records: [],
      nextAutoNumber: 1,
      trash: [],
    };
    base.tables.push(table);
    this.state.indexTable({ account, base, table });
    const b = new TransactionBuilder(account, base, actor, this.now());
    b.txn.createdTables.set(table.id, {
      metadata: { name, description: description ?? '' },
      fields: new Map([[primary.id, fieldInfo(primary)]]),
      records: new Map(),
      viewIds: table.views.map((v) => v.id),
    });
    b.commit(this.state);
    return table;
  }

  renameTable(tableId: string, name: string, description: string | undefined, actor: Actor): void {
    const { account, base, table } = this.located(tableId);
    const previous = { name: table.name, description: table.description ?? '' };
    table.name = name;
    if (description !== undefined) table.description = description;
    const b = new TransactionBuilder(account, base, actor, this.now());
    b.table(table).changedMetadata = { current: { name, description: table.description ?? '' }, previous };
    b.commit(this.state);
  }

  /** To the trash with its records; link fields of other tables that pointed at it go too (UNCONFIRMED). */
  deleteTable(tableId: string, actor: Actor): void {
    const { account, base, table } = this.located(tableId);
    if (base.tables.length === 1) throw new MutationError('A base keeps at least one table');
    const b = new TransactionBuilder(account, base, actor, this.now());
    for (const other of base.tables)
      for (const field of other.fields.filter((f) => other !== table && f.options?.linkedTableId === table.id))
        this.dropField(b, other, field);
    const position = base.tables.indexOf(table);
    base.tables.splice(position, 1);
    base.trashedTables = base.trashedTables.filter((t) => b.at - t.deletedAt < WEEK_MS);
    base.trashedTables.push({ table, position, deletedAt: b.at });
    this.state.unindexTable(table);
    b.txn.destroyedTableIds.push(table.id);
    b.commit(this.state);
  }

  restoreTable(tableId: string, actor: Actor): AirtableTable {
    const now = this.now();
    for (const account of this.state.accounts)
      for (const base of account.bases) {
        const trashed = base.trashedTables.find((t) => t.table.id === tableId && now - t.deletedAt < WEEK_MS);
        if (!trashed) continue;
        base.trashedTables = base.trashedTables.filter((t) => t !== trashed);
        const { table } = trashed;
        base.tables.splice(Math.min(trashed.position, base.tables.length), 0, table);
        this.state.indexTable({ account, base, table });
        const b = new TransactionBuilder(account, base, actor, now);
        b.txn.createdTables.set(table.id, {
          metadata: { name: table.name, description: table.description ?? '' },
          fields: new Map(table.fields.map((f) => [f.id, fieldInfo(f)])),
          records: new Map(table.records.map((r) => [r.id, { createdTime: r.createdTime, cells: { ...r.cells } }])),
          viewIds: table.views.map((v) => v.id),
        });
        b.commit(this.state);
        return table;
      }
    throw new MutationError(`Table ${tableId} is not in the trash (or was deleted more than 7 days ago)`);
  }

  /** An editable type (its default options unless given), or `lastModifiedTime` / `createdTime`. */
  createField(tableId: string, name: string, type: string, options: Record<string, unknown> | undefined, actor: Actor): AirtableField {
    const { account, base, table } = this.located(tableId);
    if (table.fields.some((f) => f.name === name)) throw new MutationError(`A field named "${name}" exists in the table`);
    const prng = this.state.prng(account);
    const kind = kindOf(type);
    let field: AirtableField;
    if (type === 'lastModifiedTime') field = computed.lastModifiedTimeField(prng, name);
    else if (type === 'createdTime') field = computed.createdTimeField(prng, name);
    else if (kind) field = makeField(prng, kind, name);
    else throw new MutationError(`The sandbox cannot create a ${type} field`);
    field.id = this.state.freshId(account, 'fld');
    if (options) field.options = options;
    table.fields.push(field);
    const b = new TransactionBuilder(account, base, actor, this.now());
    b.table(table).createdFields.set(field.id, fieldInfo(field));
    b.commit(this.state);
    return field;
  }

  renameField(tableId: string, fieldRef: string, name: string, actor: Actor): void {
    const { account, base, table } = this.located(tableId);
    const field = fieldOf(table, fieldRef);
    const previous = field.name;
    field.name = name;
    const b = new TransactionBuilder(account, base, actor, this.now());
    b.table(table).changedFields.set(field.id, { current: { name }, previous: { name: previous } });
    b.commit(this.state);
  }

  deleteField(tableId: string, fieldRef: string, actor: Actor): void {
    const { account, base, table } = this.located(tableId);
    const field = fieldOf(table, fieldRef);
    if (field.id === table.primaryFieldId) throw new MutationError('The primary field cannot be deleted');
    const b = new TransactionBuilder(account, base, actor, this.now());
    this.dropField(b, table, field);
    const inverse = base.tables
      .flatMap((t) => t.fields.map((f) => [t, f] as const))
      .find(([, f]) => f.id === field.options?.inverseLinkFieldId);
    if (inverse) this.dropField(b, inverse[0], inverse[1]);
    b.commit(this.state);
  }

  /** The field and its cells go; formulas, rollups, lookups and counts built on it become invalid. */
  private dropField(b: TransactionBuilder, table: AirtableTable, field: AirtableField): void {
    table.fields = table.fields.filter((f) => f !== field);
    for (const record of table.records) setCell(record, field.id, undefined);
    for (const other of table.fields) {
      const uses = [
        other.options?.recordLinkFieldId,
        other.options?.fieldIdInLinkedTable,
        ...((other.options?.referencedFieldIds as string[] | undefined) ?? []),
      ];
      if (uses.includes(field.id) && other.options) other.options = { ...other.options, isValid: false };
    }
    b.table(table).destroyedFieldIds.push(field.id);
  }

  createBase(accountIndex: number, name: string, level: PermissionLevel, granted: boolean): AirtableBase {
    const account = this.state.accounts[accountIndex];
    if (!account) throw new MutationError(`Unknown account ${accountIndex}`);
    const base: AirtableBase = {
      id: this.state.freshId(account, 'app'),
      name,
      permissionLevel: level,
      granted,
      tables: [],
      trashedTables: [],
      foreignWebhooks: 0,
    };
    account.bases.push(base);
    this.createTable(base.id, 'Table 1', undefined, { source: 'client', by: 0 });
    return base;
  }

  updateBase(baseId: string, change: { name?: string; granted?: boolean; permissionLevel?: PermissionLevel }): AirtableBase {
    const { base } = this.base(baseId);
    if (change.name !== undefined) base.name = change.name;
    if (change.granted !== undefined) base.granted = change.granted;
    if (change.permissionLevel !== undefined) base.permissionLevel = change.permissionLevel;
    return base;
  }
}
