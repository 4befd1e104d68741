import { describe, expect, it } from 'vitest';
import * as airtable from './contracts/airtable.js';

/**
 * Examples in the shapes Airtable's reference pages show (webhooks overview, create/list/refresh
 * webhooks, list webhook payloads, the payload and table-changed models), with ids of our own. If a
 * contract stops accepting them it drifted from the reference; the specs check live answers with the
 * same contracts, so the simulator cannot drift either.
 */
const PING = { base: { id: 'appA1b2C3d4E5f6G7' }, webhook: { id: 'achA1b2C3d4E5f6G7' }, timestamp: '2026-02-01T21:25:05.663Z' };
const CREATED = { id: 'achA1b2C3d4E5f6G7', macSecretBase64: 'c2VjcmV0LXNlY3JldC1zZWNyZXQ=', expirationTime: '2026-02-08T21:25:05.663Z' };
const LIST = {
  webhooks: [
    {
      id: 'achA1b2C3d4E5f6G7',
      areNotificationsEnabled: true,
      cursorForNextPayload: 5,
      isHookEnabled: true,
      lastSuccessfulNotificationTime: '2026-02-01T21:25:05.663Z',
      notificationUrl: 'https://connector.example.com/integrations/airtable/webhook',
      expirationTime: '2026-02-08T21:25:05.663Z',
      lastNotificationResult: {
        success: false,
        error: { message: 'The HTTP request returned a 503 status code instead of 200 or 204' },
        completionTimestamp: '2026-02-01T21:25:05.663Z',
        durationMs: 2.6,
        retryNumber: 0,
        willBeRetried: true,
      },
      specification: { options: { filters: { dataTypes: ['tableData'], recordChangeScope: 'tblA1b2C3d4E5f6G7' } } },
    },
  ],
};
const PAYLOADS = {
  cursor: 6,
  mightHaveMore: false,
  payloads: [
    {
      timestamp: '2026-02-01T21:25:05.663Z',
      baseTransactionNumber: 4,
      actionMetadata: {
        source: 'client',
        sourceMetadata: { user: { id: 'usrA1b2C3d4E5f6G7', email: 'ada@example.com', permissionLevel: 'create' } },
      },
      payloadFormat: 'v0',
      changedTablesById: {
        tblA1b2C3d4E5f6G7: {
          changedMetadata: { current: { name: 'Tasks', description: '' }, previous: { name: 'Todo', description: '' } },
          createdFieldsById: { fldA1b2C3d4E5f6G7: { name: 'Budget', type: 'currency' } },
          changedFieldsById: { fldB1b2C3d4E5f6G7: { current: { name: 'Owner' }, previous: { name: 'Lead' } } },
          destroyedFieldIds: ['fldC1b2C3d4E5f6G7'],
          createdRecordsById: {
            recA1b2C3d4E5f6G7: { cellValuesByFieldId: { fldA1b2C3d4E5f6G7: 10 }, createdTime: '2026-02-01T21:25:05.000Z' },
          },
          changedRecordsById: {
            recB1b2C3d4E5f6G7: {
              current: { cellValuesByFieldId: { fldB1b2C3d4E5f6G7: 'new' } },
              previous: { cellValuesByFieldId: { fldB1b2C3d4E5f6G7: 'old' } },
              unchanged: { cellValuesByFieldId: { fldA1b2C3d4E5f6G7: 1 } },
            },
          },
          destroyedRecordIds: ['recC1b2C3d4E5f6G7'],
        },
      },
      createdTablesById: {
        tblB1b2C3d4E5f6G7: {
          metadata: { name: 'New', description: '' },
          fieldsById: { fldD1b2C3d4E5f6G7: { name: 'Name', type: 'singleLineText' } },
        },
      },
      destroyedTableIds: ['tblC1b2C3d4E5f6G7'],
    },
    {
      timestamp: '2026-02-01T21:26:00.000Z',
      baseTransactionNumber: 5,
      actionMetadata: { source: 'system' },
      payloadFormat: 'v0',
      error: true,
      code: 'INVALID_FILTERS',
    },
  ],
};

describe('Airtable webhook contracts hold the reference shapes', () => {
  it.each([
    ['notification ping', airtable.airtableNotificationPing, PING],
    ['create webhook', airtable.airtableWebhookCreated, CREATED],
    ['list webhooks', airtable.airtableWebhookList, LIST],
    ['refresh webhook', airtable.airtableWebhookRefreshed, { expirationTime: '2026-02-15T00:00:00.000Z' }],
    ['list webhook payloads', airtable.airtableWebhookPayloads, PAYLOADS],
  ])('%s', (_name, schema, example) => {
    expect(schema.safeParse(example).success).toBe(true);
  });

  it('reject what the reference does not allow', () => {
    expect(airtable.airtableNotificationPing.safeParse({ ...PING, payloads: [] }).success).toBe(false);
    expect(
      airtable.airtableWebhookPayloads.safeParse({ ...PAYLOADS, payloads: [{ ...PAYLOADS.payloads[0], payloadFormat: 'v1' }] }).success,
    ).toBe(false);
    expect(airtable.airtableCellByType.checkbox.safeParse(false).success).toBe(false);
    expect(airtable.airtableCellByType.formula.safeParse({ specialValue: 'NaN' }).success).toBe(true);
  });
});
