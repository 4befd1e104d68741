import { z } from 'zod';

/** Written from the fact sheet (section 2). */
const airtableIdOf = (prefix: string) => z.string().regex(new RegExp(`^${prefix}[A-Za-z0-9]{14}$`));

export const airtableTokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  token_type: z.literal('Bearer'),
  scope: z.string().min(1),
  expires_in: z.number().int().positive(),
  refresh_expires_in: z.number().int().positive(),
});

export const airtableOAuthError = z.object({ error: z.string(), error_description: z.string() });

export const airtableWhoami = z.object({ id: airtableIdOf('usr'), email: z.string().optional(), scopes: z.array(z.string()).optional() });

export const airtableBases = z.object({
  bases: z.array(
    z.object({ id: airtableIdOf('app'), name: z.string(), permissionLevel: z.enum(['none', 'read', 'comment', 'edit', 'create']) }),
  ),
  offset: z.string().optional(),
});

const field = z.object({
  id: airtableIdOf('fld'),
  name: z.string(),
  type: z.string(),
  description: z.string().optional(),
  options: z.record(z.string(), z.unknown()).optional(),
});
const view = z.object({ id: airtableIdOf('viw'), name: z.string(), type: z.string(), visibleFieldIds: z.array(z.string()).optional() });

export const airtableTables = z.object({
  tables: z.array(
    z.object({
      id: airtableIdOf('tbl'),
      name: z.string(),
      description: z.string().optional(),
      primaryFieldId: airtableIdOf('fld'),
      fields: z.array(field).min(1),
      views: z.array(view),
    }),
  ),
});

export const airtableRecords = z.object({
  records: z.array(
    z.object({
      id: airtableIdOf('rec'),
      createdTime: z.iso.datetime(),
      fields: z.record(z.string(), z.unknown()),
      commentCount: z.number().optional(),
    }),
  ),
  offset: z.string().optional(),
});

export const airtableError = z.object({ error: z.object({ type: z.string(), message: z.string().optional() }) });

/**
 * Cell values per field type, written from the field model reference
 * (airtable.com/developers/web/api/field-model) and pyairtable's `api/types.py`; empty cells never
 * appear, so every schema here is of a value that is present.
 */
const collaborator = z.object({ id: airtableIdOf('usr'), email: z.string().min(3), name: z.string().min(1) });
const thumbnail = z.object({ url: z.url(), width: z.number(), height: z.number() });
const attachment = z.object({
  id: airtableIdOf('att'),
  url: z.url(),
  filename: z.string().min(1),
  size: z.number().int(),
  type: z.string(),
  width: z.number().optional(),
  height: z.number().optional(),
  thumbnails: z.object({ small: thumbnail, large: thumbnail, full: thumbnail }).optional(),
});
export const airtableCellByType = {
  singleLineText: z.string().min(1),
  multilineText: z.string().min(1),
  richText: z.string().regex(/\n$/),
  email: z.email(),
  url: z.url(),
  phoneNumber: z.string().min(1),
  number: z.number(),
  currency: z.number(),
  percent: z.number(),
  duration: z.number().int(),
  rating: z.number().int().min(1),
  checkbox: z.literal(true),
  date: z.iso.date(),
  dateTime: z.iso.datetime(),
  singleSelect: z.string().min(1),
  multipleSelects: z.array(z.string()).min(1),
  multipleRecordLinks: z.array(airtableIdOf('rec')).min(1),
  multipleAttachments: z.array(attachment).min(1),
  singleCollaborator: collaborator,
  multipleCollaborators: z.array(collaborator).min(1),
  barcode: z.object({ text: z.string(), type: z.string().optional() }),
  createdTime: z.iso.datetime(),
  lastModifiedTime: z.iso.datetime(),
  createdBy: collaborator,
  lastModifiedBy: collaborator,
  autoNumber: z.number().int().positive(),
  button: z.object({ label: z.string(), url: z.url().nullable() }),
  formula: z.union([z.number(), z.string(), z.object({ specialValue: z.enum(['NaN', 'Infinity']) }), z.object({ error: z.string() })]),
  rollup: z.number(),
  multipleLookupValues: z.array(z.unknown()).min(1),
  count: z.number().int().min(0),
} satisfies Record<string, z.ZodType>;

/** Field options as the base schema shows them (field model reference; pyairtable schema fixtures). */
const choice = z.object({ id: airtableIdOf('sel'), name: z.string(), color: z.string().optional() });
const dateFormat = z.object({ name: z.string(), format: z.string() });
const dateTimeResult = z.object({
  type: z.literal('dateTime'),
  options: z.object({ dateFormat, timeFormat: dateFormat, timeZone: z.string() }),
});
export const airtableFieldOptionsByType = {
  number: z.object({ precision: z.number().int() }),
  currency: z.object({ precision: z.number().int(), symbol: z.string() }),
  percent: z.object({ precision: z.number().int() }),
  duration: z.object({ durationFormat: z.string() }),
  rating: z.object({ icon: z.string(), max: z.number().int(), color: z.string() }),
  checkbox: z.object({ icon: z.string(), color: z.string() }),
  date: z.object({ dateFormat }),
  dateTime: z.object({ dateFormat, timeFormat: dateFormat, timeZone: z.string() }),
  singleSelect: z.object({ choices: z.array(choice).min(1) }),
  multipleSelects: z.object({ choices: z.array(choice).min(1) }),
  multipleAttachments: z.object({ isReversed: z.boolean() }),
  multipleRecordLinks: z.object({
    linkedTableId: airtableIdOf('tbl'),
    inverseLinkFieldId: airtableIdOf('fld').optional(),
    isReversed: z.boolean(),
    prefersSingleRecordLink: z.boolean(),
  }),
  createdTime: z.object({ result: dateTimeResult }),
  lastModifiedTime: z.object({ isValid: z.boolean(), referencedFieldIds: z.array(airtableIdOf('fld')), result: dateTimeResult }),
  formula: z.object({
    formula: z.string(),
    isValid: z.boolean(),
    referencedFieldIds: z.array(airtableIdOf('fld')),
    result: z.object({ type: z.string(), options: z.record(z.string(), z.unknown()).optional() }),
  }),
  rollup: z.object({
    isValid: z.boolean(),
    recordLinkFieldId: airtableIdOf('fld'),
    fieldIdInLinkedTable: airtableIdOf('fld'),
    referencedFieldIds: z.array(airtableIdOf('fld')),
    result: z.object({ type: z.string() }).loose(),
  }),
  multipleLookupValues: z.object({
    isValid: z.boolean(),
    recordLinkFieldId: airtableIdOf('fld'),
    fieldIdInLinkedTable: airtableIdOf('fld'),
    result: z.object({ type: z.string() }).loose(),
  }),
  count: z.object({ isValid: z.boolean(), recordLinkFieldId: airtableIdOf('fld') }),
} satisfies Record<string, z.ZodType>;

/** The webhooks API, written from its reference pages (create, list, refresh, list payloads; payload models). */
export const airtableWebhookCreated = z.object({
  id: airtableIdOf('ach'),
  macSecretBase64: z.base64(),
  expirationTime: z.iso.datetime().nullable(),
});
const notificationResult = z.union([
  z.object({ success: z.literal(true), completionTimestamp: z.iso.datetime(), durationMs: z.number(), retryNumber: z.number().int() }),
  z.object({
    success: z.literal(false),
    error: z.object({ message: z.string() }),
    completionTimestamp: z.iso.datetime(),
    durationMs: z.number(),
    retryNumber: z.number().int(),
    willBeRetried: z.boolean(),
  }),
]);
export const airtableWebhookList = z.object({
  webhooks: z.array(
    z.object({
      id: airtableIdOf('ach'),
      areNotificationsEnabled: z.boolean(),
      cursorForNextPayload: z.number().int().positive(),
      isHookEnabled: z.boolean(),
      lastSuccessfulNotificationTime: z.iso.datetime().nullable(),
      notificationUrl: z.string().nullable(),
      expirationTime: z.iso.datetime().optional(),
      lastNotificationResult: notificationResult.nullable(),
      specification: z.object({ options: z.object({ filters: z.object({ dataTypes: z.array(z.string()) }).loose() }).loose() }),
    }),
  ),
});
export const airtableWebhookRefreshed = z.object({ expirationTime: z.iso.datetime().nullable() });

const cells = z.object({ cellValuesByFieldId: z.record(airtableIdOf('fld'), z.unknown()) });
const createdRecord = cells.extend({ createdTime: z.iso.datetime() });
const changedRecord = z.object({ current: cells, previous: cells.optional(), unchanged: cells.optional() });
const recordChanges = {
  createdRecordsById: z.record(airtableIdOf('rec'), createdRecord).optional(),
  changedRecordsById: z.record(airtableIdOf('rec'), changedRecord).optional(),
  destroyedRecordIds: z.array(airtableIdOf('rec')).optional(),
};
const fieldInfo = z.object({ name: z.string().optional(), type: z.string().optional() });
const tableChanged = z
  .object({
    changedMetadata: z
      .object({
        current: z.object({ name: z.string(), description: z.string() }),
        previous: z.object({ name: z.string(), description: z.string() }),
      })
      .optional(),
    createdFieldsById: z.record(airtableIdOf('fld'), z.object({ name: z.string(), type: z.string() })).optional(),
    changedFieldsById: z.record(airtableIdOf('fld'), z.object({ current: fieldInfo, previous: fieldInfo.optional() })).optional(),
    destroyedFieldIds: z.array(airtableIdOf('fld')).optional(),
    changedViewsById: z.record(airtableIdOf('viw'), z.object(recordChanges)).optional(),
    ...recordChanges,
  })
  .strict();
const tableCreated = z
  .object({
    metadata: z.object({ name: z.string(), description: z.string() }).optional(),
    fieldsById: z.record(airtableIdOf('fld'), z.object({ name: z.string(), type: z.string() })).optional(),
    recordsById: z.record(airtableIdOf('rec'), createdRecord).optional(),
  })
  .strict();
const user = z.object({ id: airtableIdOf('usr'), email: z.string(), name: z.string().optional(), permissionLevel: z.string() });
export const airtableWebhookPayload = z.union([
  z
    .object({
      timestamp: z.iso.datetime(),
      baseTransactionNumber: z.number().int().positive(),
      actionMetadata: z.object({ source: z.string(), sourceMetadata: z.object({ user }).loose().optional() }),
      payloadFormat: z.literal('v0'),
      changedTablesById: z.record(airtableIdOf('tbl'), tableChanged).optional(),
      createdTablesById: z.record(airtableIdOf('tbl'), tableCreated).optional(),
      destroyedTableIds: z.array(airtableIdOf('tbl')).optional(),
    })
    .strict(),
  z.object({
    timestamp: z.iso.datetime(),
    baseTransactionNumber: z.number().int().positive(),
    actionMetadata: z.object({ source: z.string() }).loose(),
    payloadFormat: z.literal('v0'),
    error: z.literal(true),
    code: z.string(),
  }),
]);
export const airtableWebhookPayloads = z.object({
  payloads: z.array(airtableWebhookPayload),
  cursor: z.number().int().positive(),
  mightHaveMore: z.boolean(),
});
export const airtableNotificationPing = z
  .object({ base: z.object({ id: airtableIdOf('app') }), webhook: z.object({ id: airtableIdOf('ach') }), timestamp: z.iso.datetime() })
  .strict();
