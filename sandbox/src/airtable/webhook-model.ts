import type { CellValue, Collaborator } from './model.js';

/**
 * Webhooks and the transactions that feed them, as the webhooks reference describes them
 * (airtable.com/developers/web/api/webhooks-overview, …/model/webhooks-specification,
 * …/model/webhooks-payload, …/model/webhooks-table-changed; pyairtable `models/webhook.py`).
 */

export type DataType = 'tableData' | 'tableFields' | 'tableMetadata';
export type ChangeType = 'add' | 'remove' | 'update';
/** `actionMetadata.source` values of the payload reference. */
export const SOURCES = [
  'client',
  'publicApi',
  'formSubmission',
  'formPageSubmission',
  'automation',
  'system',
  'sync',
  'anonymousUser',
] as const;
export type Source = (typeof SOURCES)[number];

export interface WebhookSpecification {
  options: {
    filters: {
      dataTypes: DataType[];
      recordChangeScope?: string;
      changeTypes?: ChangeType[];
      fromSources?: Source[];
      sourceOptions?: Record<string, unknown>;
      watchDataInFieldIds?: string[];
      watchSchemasOfFieldIds?: string[];
    };
    includes?: {
      includeCellValuesInFieldIds?: string[] | 'all';
      includePreviousCellValues?: boolean;
      includePreviousFieldDefinitions?: boolean;
    };
  };
}

export type NotificationResult =
  | { success: true; completionTimestamp: string; durationMs: number; retryNumber: number }
  | {
      success: false;
      completionTimestamp: string;
      durationMs: number;
      retryNumber: number;
      willBeRetried: boolean;
      error: { message: string };
    };

export interface StoredPayload {
  /** The payload's transaction number for this webhook: what `cursor` counts. */
  cursor: number;
  at: number;
  body: Record<string, unknown>;
}

export interface Webhook {
  id: string;
  baseId: string;
  /** The OAuth integration that made it: each integration sees only its own. */
  clientId: string;
  notificationUrl: string | null;
  specification: WebhookSpecification;
  macSecretBase64: string;
  createdAt: number;
  /** Creation, a refresh or a payload listing + 7 days. */
  expiresAt: number;
  /** false once a watched field is destroyed (an error payload is its last), or once expired. */
  hookEnabled: boolean;
  notificationsEnabled: boolean;
  /** `cursorForNextPayload`: starts at 1 and is never reset. */
  nextCursor: number;
  payloads: StoredPayload[];
  lastNotificationResult: NotificationResult | null;
  lastSuccessfulNotificationTime: string | null;
}

export interface CreatedRecord {
  createdTime: string;
  cells: Record<string, CellValue>;
}

export interface ChangedRecord {
  /** Fields this change wrote, with their new value (null = emptied). */
  current: Record<string, CellValue | null>;
  previous: Record<string, CellValue | null>;
  /** Every stored cell after the change, for `includeCellValuesInFieldIds`. */
  after: Record<string, CellValue>;
}

export interface FieldInfo {
  name?: string;
  type?: string;
}

export interface TableChange {
  createdRecords: Map<string, CreatedRecord>;
  changedRecords: Map<string, ChangedRecord>;
  destroyedRecordIds: string[];
  createdFields: Map<string, Required<FieldInfo>>;
  changedFields: Map<string, { current: FieldInfo; previous: FieldInfo }>;
  destroyedFieldIds: string[];
  changedMetadata?: { current: { name: string; description: string }; previous: { name: string; description: string } };
  /** The table's views (for `recordChangeScope` set to a view id). */
  viewIds: string[];
}

export interface CreatedTable {
  metadata: { name: string; description: string };
  fields: Map<string, Required<FieldInfo>>;
  records: Map<string, CreatedRecord>;
  viewIds: string[];
}

/** One change at the provider: what a base's webhooks turn into a payload each (or none). */
export interface Transaction {
  baseId: string;
  at: number;
  source: Source;
  user: (Collaborator & { permissionLevel: string }) | null;
  tables: Map<string, TableChange>;
  createdTables: Map<string, CreatedTable>;
  destroyedTableIds: string[];
}

export const emptyTableChange = (viewIds: string[]): TableChange => ({
  createdRecords: new Map(),
  changedRecords: new Map(),
  destroyedRecordIds: [],
  createdFields: new Map(),
  changedFields: new Map(),
  destroyedFieldIds: [],
  viewIds,
});
