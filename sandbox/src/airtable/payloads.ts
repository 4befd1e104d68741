import type { CellValue } from './model.js';
import type { ChangedRecord, CreatedRecord, CreatedTable, TableChange, Transaction, Webhook } from './webhook-model.js';

/**
 * One webhook's payload for one transaction, shaped and filtered as its specification says
 * (…/model/webhooks-payload, …/model/webhooks-table-changed, …/model/webhooks-specification):
 * `dataTypes` picks record (`tableData`), field (`tableFields`) and name/description
 * (`tableMetadata`) changes; `recordChangeScope` one table or view; `changeTypes` add/remove/update;
 * `fromSources` the action's source; `watchDataInFieldIds` / `watchSchemasOfFieldIds` the fields;
 * `includes` adds `previous` and `unchanged` values. Nothing left = no payload (the cursor stays).
 */

const obj = <V>(map: Map<string, V>, f: (v: V) => unknown) => Object.fromEntries([...map].map(([k, v]) => [k, f(v)]));
const cellsObject = (cells: Record<string, CellValue | null>) => ({ cellValuesByFieldId: { ...cells } });
const created = (r: CreatedRecord) => ({ cellValuesByFieldId: { ...r.cells }, createdTime: r.createdTime });

function pick<V>(
  values: Record<string, V>,
  ids: string[] | 'all' | undefined,
  except: Record<string, unknown>,
): Record<string, V> | undefined {
  if (!ids) return undefined;
  const out = Object.fromEntries(Object.entries(values).filter(([k]) => !(k in except) && (ids === 'all' || ids.includes(k))));
  return Object.keys(out).length ? out : undefined;
}

function changedRecord(webhook: Webhook, change: ChangedRecord) {
  const includes = webhook.specification.options.includes;
  const unchanged = pick(change.after, includes?.includeCellValuesInFieldIds, change.current);
  return {
    current: cellsObject(change.current),
    ...(includes?.includePreviousCellValues ? { previous: cellsObject(change.previous) } : {}),
    ...(unchanged ? { unchanged: { cellValuesByFieldId: unchanged } } : {}),
  };
}

function recordSections(webhook: Webhook, change: TableChange): Record<string, unknown> {
  const { changeTypes, watchDataInFieldIds } = webhook.specification.options.filters;
  const wants = (t: 'add' | 'remove' | 'update') => !changeTypes?.length || changeTypes.includes(t);
  const watched = (r: ChangedRecord) =>
    !watchDataInFieldIds?.length || Object.keys(r.current).some((id) => watchDataInFieldIds.includes(id));
  const changed = new Map([...change.changedRecords].filter(([, r]) => watched(r)));
  const out: Record<string, unknown> = {};
  if (wants('add') && change.createdRecords.size) out.createdRecordsById = obj(change.createdRecords, created);
  if (wants('update') && changed.size) out.changedRecordsById = obj(changed, (r) => changedRecord(webhook, r));
  if (wants('remove') && change.destroyedRecordIds.length) out.destroyedRecordIds = [...change.destroyedRecordIds];
  return out;
}

function fieldSections(webhook: Webhook, change: TableChange): Record<string, unknown> {
  const { changeTypes, watchSchemasOfFieldIds } = webhook.specification.options.filters;
  const wants = (t: 'add' | 'remove' | 'update') => !changeTypes?.length || changeTypes.includes(t);
  const watched = (id: string) => !watchSchemasOfFieldIds?.length || watchSchemasOfFieldIds.includes(id);
  const previous = webhook.specification.options.includes?.includePreviousFieldDefinitions;
  const changed = new Map([...change.changedFields].filter(([id]) => watched(id)));
  const out: Record<string, unknown> = {};
  if (wants('add') && change.createdFields.size) out.createdFieldsById = obj(change.createdFields, (f) => ({ ...f }));
  if (wants('update') && changed.size)
    out.changedFieldsById = obj(changed, (f) => ({ current: { ...f.current }, ...(previous ? { previous: { ...f.previous } } : {}) }));
  const destroyed = change.destroyedFieldIds.filter(watched);
  if (wants('remove') && destroyed.length) out.destroyedFieldIds = destroyed;
  return out;
}

function tableSection(webhook: Webhook, change: TableChange): Record<string, unknown> | undefined {
  const { dataTypes, recordChangeScope } = webhook.specification.options.filters;
  const section: Record<string, unknown> = {};
  if (dataTypes.includes('tableMetadata') && change.changedMetadata) section.changedMetadata = structuredClone(change.changedMetadata);
  if (dataTypes.includes('tableFields')) Object.assign(section, fieldSections(webhook, change));
  if (dataTypes.includes('tableData')) {
    const records = recordSections(webhook, change);
    Object.assign(section, records);
    // A view scope adds the same record changes under the view (views have no filters in the sandbox).
    if (recordChangeScope?.startsWith('viw') && Object.keys(records).length) section.changedViewsById = { [recordChangeScope]: records };
  }
  return Object.keys(section).length ? section : undefined;
}

function createdTableSection(webhook: Webhook, table: CreatedTable): Record<string, unknown> {
  const { dataTypes } = webhook.specification.options.filters;
  return {
    ...(dataTypes.includes('tableMetadata') ? { metadata: { ...table.metadata } } : {}),
    ...(dataTypes.includes('tableFields') && table.fields.size ? { fieldsById: obj(table.fields, (f) => ({ ...f })) } : {}),
    ...(dataTypes.includes('tableData') && table.records.size ? { recordsById: obj(table.records, created) } : {}),
  };
}

const inScope = (scope: string | undefined, tableId: string, viewIds: string[]) => !scope || scope === tableId || viewIds.includes(scope);

/** The payload body, without its envelope; undefined when the webhook is not interested. */
export function payloadBody(webhook: Webhook, txn: Transaction): Record<string, unknown> | undefined {
  const { fromSources, recordChangeScope: scope, changeTypes } = webhook.specification.options.filters;
  if (fromSources?.length && !fromSources.includes(txn.source)) return undefined;
  const wants = (t: 'add' | 'remove') => !changeTypes?.length || changeTypes.includes(t);
  const body: Record<string, unknown> = {};
  const changed: Record<string, unknown> = {};
  for (const [tableId, change] of txn.tables) {
    if (!inScope(scope, tableId, change.viewIds)) continue;
    const section = tableSection(webhook, change);
    if (section) changed[tableId] = section;
  }
  if (Object.keys(changed).length) body.changedTablesById = changed;
  // Tables appear and disappear whatever the data types: each of them is about that table's data too.
  const createdTables = new Map([...txn.createdTables].filter(([id, t]) => inScope(scope, id, t.viewIds)));
  if (wants('add') && createdTables.size) body.createdTablesById = obj(createdTables, (t) => createdTableSection(webhook, t));
  const destroyed = txn.destroyedTableIds.filter((id) => !scope || scope === id);
  if (wants('remove') && destroyed.length) body.destroyedTableIds = destroyed;
  return Object.keys(body).length ? body : undefined;
}

/**
 * True when the transaction destroys what the specification names (a watched field, the scoped
 * table): the webhook then sends an error payload and stops ("the webhook will go into an error
 * state and payloads will no longer be generated", …/model/webhooks-specification).
 */
export function breaksSpecification(webhook: Webhook, txn: Transaction): boolean {
  const { watchDataInFieldIds = [], watchSchemasOfFieldIds = [], recordChangeScope } = webhook.specification.options.filters;
  const watched = new Set([...watchDataInFieldIds, ...watchSchemasOfFieldIds]);
  const destroyedFields = [...txn.tables.values()].flatMap((t) => t.destroyedFieldIds);
  return (
    destroyedFields.some((id) => watched.has(id)) || (recordChangeScope !== undefined && txn.destroyedTableIds.includes(recordChangeScope))
  );
}
