/**
 * The shape of an Airtable account as the simulator holds it. Cell values are kept by field id (the
 * stable key: field names can be renamed) and only for fields people edit; computed fields (formula,
 * rollup, lookup, count, created/modified times and users, autonumber, button) are derived when a
 * record is read, as Airtable does (field model reference, airtable.com/developers/web/api/field-model).
 */

/** A JSON cell value as the Web API sends it with `cellFormat=json` (field model reference). */
export type CellValue = string | number | boolean | CellObject | Array<string | CellObject>;
export interface CellObject {
  [key: string]: CellValue | null | undefined;
}

/** A user as collaborator fields and `createdBy`/`lastModifiedBy` show them: `{id, email, name}`. */
export interface Collaborator {
  id: string;
  email: string;
  name: string;
}

export interface Thumbnail {
  url: string;
  width: number;
  height: number;
}

/** An attachment cell value (field model reference; airtable.js `Attachment`, checked in official-sdks/airtable-types.ts). */
export interface AttachmentValue {
  id: string;
  url: string;
  filename: string;
  size: number;
  type: string;
  width?: number;
  height?: number;
  thumbnails?: { small: Thumbnail; large: Thumbnail; full: Thumbnail };
}

/** How the sandbox computes a formula field; the schema shows the formula text, this is what it means. */
export type FormulaKind =
  | { kind: 'product'; left: string; right: string }
  | { kind: 'ratio'; dividend: string; divisor: string }
  | { kind: 'threshold'; field: string; above: number; label: string };

export interface AirtableField {
  id: string;
  name: string;
  type: string;
  description?: string;
  options?: Record<string, unknown>;
  /** Internal: what a formula field computes (never serialized; the schema shows `options.formula`). */
  formula?: FormulaKind;
}

export interface AirtableView {
  id: string;
  name: string;
  type: string;
}

export interface AirtableRecord {
  id: string;
  /** ISO time; set once, never changes (also when the record is restored from the trash). */
  createdTime: string;
  /** Stored cell values by field id; empty cells are absent, as the API omits them. */
  cells: Record<string, CellValue>;
  /** Epoch ms of the last change a person or the API made to a non-computed field. */
  modifiedAt: number;
  /** Per field, after a change to it; fields never changed since creation fall back to `modifiedAt`. */
  fieldModifiedAt?: Record<string, number>;
  /** Indexes into the account's collaborators. */
  createdBy: number;
  lastModifiedBy: number;
  /** The table's autonumber at creation. */
  autoNumber: number;
  commentCount: number;
}

/** A deleted record (or table) waits in the base's trash for 7 days (support.airtable.com/docs/base-trash). */
export interface TrashedRecord {
  record: AirtableRecord;
  /** Where it stood in the table, so a restore puts it back there. */
  position: number;
  deletedAt: number;
}

export interface AirtableTable {
  id: string;
  name: string;
  description?: string;
  primaryFieldId: string;
  fields: AirtableField[];
  views: AirtableView[];
  records: AirtableRecord[];
  /** The next autonumber (Airtable never reuses one). */
  nextAutoNumber: number;
  trash: TrashedRecord[];
}

export interface TrashedTable {
  table: AirtableTable;
  position: number;
  deletedAt: number;
}

export type PermissionLevel = 'none' | 'read' | 'comment' | 'edit' | 'create';

export interface AirtableBase {
  id: string;
  name: string;
  /** `none`: listed by GET /v0/meta/bases, but its schema and records answer 403 (Q3, [A3]). */
  permissionLevel: PermissionLevel;
  /**
   * false = exists in the user's workspace but was not granted to the token: listed nowhere, 403
   * everywhere. The dataset is live: setting it to false withdraws the base mid-load.
   */
  granted: boolean;
  tables: AirtableTable[];
  trashedTables: TrashedTable[];
  /** Webhooks other integrations made on this base: invisible to ours, but they count toward the 10. */
  foreignWebhooks: number;
}

export interface AirtableAccount {
  index: number;
  userId: string;
  email: string;
  name: string;
  /** The account's user first, then teammates who appear in collaborator fields. */
  collaborators: Collaborator[];
  bases: AirtableBase[];
}

/** Fields whose value Airtable computes; a person or the API never writes them. */
export const COMPUTED_TYPES = new Set([
  'formula',
  'rollup',
  'multipleLookupValues',
  'count',
  'createdTime',
  'lastModifiedTime',
  'createdBy',
  'lastModifiedBy',
  'autoNumber',
  'button',
]);

export const isComputed = (field: AirtableField) => COMPUTED_TYPES.has(field.type);
