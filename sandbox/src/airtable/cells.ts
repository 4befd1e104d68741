import type { AirtableField, AirtableRecord, AirtableTable, CellObject, CellValue, Collaborator } from './model.js';

/**
 * A record as the Web API returns it: stored cells plus the values Airtable computes when the record
 * is read (formula, rollup, lookup, count, created/modified time and user, autonumber, button).
 * Empty values (`""`, `[]`, `false`, none) are omitted from `fields` ([A5], fact sheet 8.2). Formula
 * errors come back as objects: `{specialValue: "NaN"}`, `{error: "#ERROR!"}` (estuary/connectors
 * `source-airtable-native/README.md`).
 */

export interface ReadContext {
  collaborators: Collaborator[];
  /** A record of the same base, for links, rollups, lookups and counts. */
  recordById(id: string): AirtableRecord | undefined;
  /** The table a link field points at, to find the field a rollup or lookup reads. */
  tableById(id: string): AirtableTable | undefined;
}

const asNumber = (value: CellValue | undefined) => (typeof value === 'number' ? value : 0);
const linkedIds = (record: AirtableRecord, linkFieldId: unknown) =>
  typeof linkFieldId === 'string' ? ((record.cells[linkFieldId] as string[] | undefined) ?? []) : [];

export function isEmpty(value: CellValue | null | undefined): boolean {
  return value === undefined || value === null || value === '' || value === false || (Array.isArray(value) && value.length === 0);
}

/** When a field last changed in this record (a field never changed since creation: the record's last change). */
export const fieldModifiedAt = (record: AirtableRecord, fieldId: string) => record.fieldModifiedAt?.[fieldId] ?? record.modifiedAt;

function lastModified(record: AirtableRecord, field: AirtableField): string {
  const referenced = (field.options?.referencedFieldIds as string[] | undefined) ?? [];
  const at = referenced.length ? Math.max(...referenced.map((id) => fieldModifiedAt(record, id))) : record.modifiedAt;
  return new Date(at).toISOString();
}

function formula(table: AirtableTable, record: AirtableRecord, field: AirtableField): CellValue | undefined {
  const f = field.formula;
  const present = (id: string) => table.fields.some((x) => x.id === id);
  if (!f || field.options?.isValid === false) return { error: '#ERROR!' };
  switch (f.kind) {
    case 'product':
      if (!present(f.left) || !present(f.right)) return { error: '#ERROR!' };
      return asNumber(record.cells[f.left]) * asNumber(record.cells[f.right]);
    case 'ratio': {
      if (!present(f.dividend) || !present(f.divisor)) return { error: '#ERROR!' };
      const [a, b] = [asNumber(record.cells[f.dividend]), asNumber(record.cells[f.divisor])];
      if (b === 0) return { specialValue: a === 0 ? 'NaN' : 'Infinity' };
      return a / b;
    }
    case 'threshold':
      if (!present(f.field)) return { error: '#ERROR!' };
      return asNumber(record.cells[f.field]) >= f.above ? f.label : { error: '#ERROR!' };
  }
}

function viaLink(context: ReadContext, table: AirtableTable, record: AirtableRecord, field: AirtableField): CellValue | undefined {
  const link = table.fields.find((f) => f.id === field.options?.recordLinkFieldId);
  const ids = linkedIds(record, link?.id);
  if (field.type === 'count') return ids.length;
  const target = context.tableById(String(link?.options?.linkedTableId));
  const targetFieldId = String(field.options?.fieldIdInLinkedTable);
  const targetField = target?.fields.find((f) => f.id === targetFieldId);
  const values = ids.map((id) => {
    const linked = context.recordById(id);
    return linked && target && targetField ? cellValue(context, target, linked, targetField) : undefined;
  });
  if (field.type === 'rollup') return values.reduce<number>((sum, v) => sum + asNumber(v), 0);
  return values.flatMap((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])) as CellValue;
}

/** The value of one field of a record, as `cellFormat=json` returns it; undefined = empty. */
export function cellValue(context: ReadContext, table: AirtableTable, record: AirtableRecord, field: AirtableField): CellValue | undefined {
  switch (field.type) {
    case 'createdTime':
      return record.createdTime;
    case 'lastModifiedTime':
      return lastModified(record, field);
    case 'createdBy':
      return { ...(context.collaborators[record.createdBy] as unknown as CellObject) };
    case 'lastModifiedBy':
      return { ...(context.collaborators[record.lastModifiedBy] as unknown as CellObject) };
    case 'autoNumber':
      return record.autoNumber;
    case 'button':
      return { label: field.name, url: `https://example.com/records/${record.id}` };
    case 'formula':
      return formula(table, record, field);
    case 'rollup':
    case 'multipleLookupValues':
    case 'count':
      return viaLink(context, table, record, field);
    default:
      return record.cells[field.id];
  }
}

/** `cellFormat=string`: values as the grid shows them (simplified: ISO times, `, `-joined lists). */
export function asText(value: CellValue): string {
  if (Array.isArray(value)) return value.map((v) => asText(v)).join(', ');
  if (typeof value === 'boolean') return value ? 'checked' : '';
  if (typeof value !== 'object') return String(value);
  const o = value;
  if (typeof o.specialValue === 'string') return o.specialValue;
  if (typeof o.error === 'string') return o.error;
  if (typeof o.filename === 'string' && typeof o.url === 'string') return `${o.filename} (${o.url})`;
  if (typeof o.name === 'string') return o.name;
  if (typeof o.text === 'string') return o.text;
  if (typeof o.label === 'string') return o.label;
  return JSON.stringify(o);
}

export interface SerializeOptions {
  /** Only these fields (`fields[]`); empty = all. */
  only: AirtableField[];
  byId: boolean;
  cellFormat: 'json' | 'string';
  commentCount: boolean;
}

export function serializeRecord(context: ReadContext, table: AirtableTable, record: AirtableRecord, options: SerializeOptions) {
  const fields: Record<string, CellValue> = {};
  for (const field of options.only.length ? options.only : table.fields) {
    const value = cellValue(context, table, record, field);
    if (value === undefined || isEmpty(value)) continue;
    fields[options.byId ? field.id : field.name] = options.cellFormat === 'string' ? asText(value) : value;
  }
  return { id: record.id, createdTime: record.createdTime, fields, ...(options.commentCount ? { commentCount: record.commentCount } : {}) };
}

/** The base schema's view of a field: what `GET /v0/meta/bases/{id}/tables` lists (never the internal `formula`). */
export function fieldSchema(field: AirtableField) {
  return {
    id: field.id,
    name: field.name,
    type: field.type,
    ...(field.description ? { description: field.description } : {}),
    ...(field.options ? { options: field.options } : {}),
  };
}
