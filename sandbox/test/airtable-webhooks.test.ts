import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  airtableError,
  airtableWebhookCreated,
  airtableWebhookList,
  airtableWebhookPayloads,
  airtableWebhookRefreshed,
} from './contracts/airtable.js';
import { AIRTABLE_TEST_SCOPES, connectAirtable } from './helpers.js';
import { type AirtableRig, airtableRig, DAY_MS } from './airtable-support.js';

let rig: AirtableRig;
beforeAll(async () => {
  rig = await airtableRig();
});
afterAll(() => rig.sb.close());

const hooks = (base = rig.base.id) => `/v0/bases/${base}/webhooks`;
const TABLE_DATA = { options: { filters: { dataTypes: ['tableData'] } } };
const create = async (specification: unknown = TABLE_DATA, base = rig.base.id, token = rig.token) =>
  rig.send('POST', hooks(base), { specification }, token);
const createOk = async (specification: unknown = TABLE_DATA) => airtableWebhookCreated.parse(await (await create(specification)).json());
const payloads = async (id: string, params: Record<string, string> = {}) =>
  airtableWebhookPayloads.parse(await (await rig.get(`${hooks()}/${id}/payloads`, params)).json());
const error = async (response: Response) => ({ status: response.status, type: airtableError.parse(await response.json()).error.type });

// Each spec starts with no webhook of ours on the base (at most 2 per integration per base).
beforeEach(async () => {
  const { webhooks } = airtableWebhookList.parse(await (await rig.get(hooks())).json());
  for (const w of webhooks) await rig.send('DELETE', `${hooks()}/${w.id}`);
});

describe('Airtable webhooks: who may make them, and how many', () => {
  it('creates one with an id, a MAC secret and an expiry 7 days on; list webhooks shows it, never its secret', async () => {
    const created = await createOk();
    expect(Date.parse(created.expirationTime!) - rig.sb.clock.now()).toBeGreaterThan(7 * DAY_MS - 60_000);
    const { webhooks } = airtableWebhookList.parse(await (await rig.get(hooks())).json());
    expect(webhooks).toEqual([
      expect.objectContaining({
        id: created.id,
        isHookEnabled: true,
        areNotificationsEnabled: true,
        cursorForNextPayload: 1,
        notificationUrl: null,
      }),
    ]);
    expect(JSON.stringify(webhooks)).not.toContain(created.macSecretBase64);
  });

  it('needs webhook:manage, and data.records:read for tableData', async () => {
    const { access_token: noWebhooks } = await connectAirtable(rig.sb, 0, AIRTABLE_TEST_SCOPES.join(' '));
    expect(await error(await create(TABLE_DATA, rig.base.id, noWebhooks))).toEqual({
      status: 403,
      type: 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND',
    });
    const { access_token: noRecords } = await connectAirtable(rig.sb, 0, 'schema.bases:read webhook:manage');
    expect(await error(await create(TABLE_DATA, rig.base.id, noRecords))).toEqual({
      status: 403,
      type: 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND',
    });
    expect((await create({ options: { filters: { dataTypes: ['tableFields'] } } }, rig.base.id, noRecords)).status).toBe(200);
  });

  it("refuses a user who is not the base's creator with 403 INVALID_PERMISSIONS", async () => {
    const editable = rig.account.bases.find((b) => b.granted && b.permissionLevel === 'edit')!;
    expect(await error(await create(TABLE_DATA, editable.id))).toEqual({ status: 403, type: 'INVALID_PERMISSIONS' });
    // Reading (listing) is allowed to anyone who can read the base.
    expect((await rig.get(hooks(editable.id))).status).toBe(200);
  });

  it('allows 2 per integration per base, and 10 per base counting other integrations (which ours cannot see)', async () => {
    await createOk();
    await createOk();
    expect(await error(await create())).toEqual({ status: 422, type: 'TOO_MANY_WEBHOOKS_BY_OAUTH_INTEGRATION_IN_BASE' });
    const full = rig.account.bases[2]!;
    full.permissionLevel = 'create';
    expect(full.foreignWebhooks).toBe(10);
    expect(await error(await create(TABLE_DATA, full.id))).toEqual({ status: 422, type: 'TOO_MANY_WEBHOOKS_IN_BASE' });
    expect(airtableWebhookList.parse(await (await rig.get(hooks(full.id))).json()).webhooks).toEqual([]);
  });

  it('refuses a malformed specification and a scope that is no table or view of the base with 422', async () => {
    expect((await create({ options: { filters: { dataTypes: [] } } })).status).toBe(422);
    expect((await create({ options: { filters: { dataTypes: ['tableData'], recordChangeScope: 'tblNOPENOPENOPENO' } } })).status).toBe(422);
  });
});

describe('Airtable webhook payloads: what changed, in transaction order', () => {
  it('reports created, changed and destroyed records per table with cursor, limit and mightHaveMore', async () => {
    const { id } = await createOk();
    const { id: record } = rig.sb.airtable.mutate.createRecord({ table: rig.table.id, cells: { Name: 'Grace' } });
    rig.sb.airtable.mutate.updateRecord({ record, cells: { Quantity: 9 } });
    rig.sb.airtable.mutate.deleteRecord({ record });
    const name = rig.table.primaryFieldId;
    const quantity = rig.table.fields.find((f) => f.name === 'Quantity')!.id;
    const first = await payloads(id, { limit: '2' });
    expect(first).toMatchObject({ cursor: 3, mightHaveMore: true });
    expect(first.payloads[0]).toMatchObject({
      payloadFormat: 'v0',
      actionMetadata: { source: 'client', sourceMetadata: { user: { id: rig.account.userId, permissionLevel: 'create' } } },
      changedTablesById: { [rig.table.id]: { createdRecordsById: { [record]: { cellValuesByFieldId: { [name]: 'Grace' } } } } },
    });
    expect(first.payloads[1]).toMatchObject({
      changedTablesById: { [rig.table.id]: { changedRecordsById: { [record]: { current: { cellValuesByFieldId: { [quantity]: 9 } } } } } },
    });
    const rest = await payloads(id, { cursor: String(first.cursor) });
    expect(rest).toMatchObject({
      cursor: 4,
      mightHaveMore: false,
      payloads: [{ changedTablesById: { [rig.table.id]: { destroyedRecordIds: [record] } } }],
    });
    expect(await payloads(id, { cursor: '4' })).toEqual({ payloads: [], cursor: 4, mightHaveMore: false });
    const numbers = [...first.payloads, ...rest.payloads].map((p) => ('baseTransactionNumber' in p ? p.baseTransactionNumber : 0));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('sends at most 50 payloads per page', async () => {
    const { id } = await createOk();
    for (let i = 0; i < 60; i++) rig.sb.airtable.mutate.createRecord({ table: rig.table.id });
    const page = await payloads(id, { limit: '500' });
    expect(page.payloads).toHaveLength(50);
    expect(page.mightHaveMore).toBe(true);
  });

  it('follows the specification: scope, data types, change types, sources, watched fields, previous and unchanged values', async () => {
    const quantity = rig.table.fields.find((f) => f.name === 'Quantity')!.id;
    const name = rig.table.primaryFieldId;
    const other = rig.base.tables[1]!;
    const scoped = await createOk({
      options: {
        filters: {
          dataTypes: ['tableData'],
          recordChangeScope: rig.table.id,
          changeTypes: ['update'],
          fromSources: ['client'],
          watchDataInFieldIds: [quantity],
        },
        includes: { includePreviousCellValues: true, includeCellValuesInFieldIds: [name] },
      },
    });
    const schema = await createOk({ options: { filters: { dataTypes: ['tableFields', 'tableMetadata'] } } });
    const record = rig.table.records[60]!;
    const before = record.cells[quantity];
    rig.sb.airtable.mutate.createRecord({ table: rig.table.id });
    rig.sb.airtable.mutate.createRecord({ table: other.id });
    rig.sb.airtable.mutate.updateRecord({ record: record.id, cells: { Notes: 'not watched' } });
    rig.sb.airtable.mutate.updateRecord({ record: record.id, cells: { Quantity: 404 }, source: 'publicApi' });
    rig.sb.airtable.mutate.updateRecord({ record: record.id, cells: { Quantity: 405 } });
    const { id: field } = rig.sb.airtable.mutate.createField({ table: rig.table.id, name: 'Extra', type: 'email' });
    rig.sb.airtable.mutate.renameTable({ table: other.id, name: 'Renamed table' });
    const got = await payloads(scoped.id);
    expect(got.payloads).toHaveLength(1);
    expect(got.payloads[0]).toMatchObject({
      changedTablesById: {
        [rig.table.id]: {
          changedRecordsById: {
            [record.id]: {
              current: { cellValuesByFieldId: { [quantity]: 405 } },
              previous: { cellValuesByFieldId: { [quantity]: 404 } },
              unchanged: { cellValuesByFieldId: { [name]: record.cells[name] } },
            },
          },
        },
      },
    });
    expect(before).not.toBe(405);
    const schemaPayloads = (await payloads(schema.id)).payloads;
    expect(schemaPayloads).toHaveLength(2);
    expect(schemaPayloads[0]).toMatchObject({
      changedTablesById: { [rig.table.id]: { createdFieldsById: { [field]: { name: 'Extra', type: 'email' } } } },
    });
    expect(schemaPayloads[1]).toMatchObject({
      changedTablesById: { [other.id]: { changedMetadata: { current: { name: 'Renamed table' } } } },
    });
  });

  it('reports tables created and destroyed, and a view scope under changedViewsById', async () => {
    const view = rig.table.views[0]!.id;
    const viewHook = await createOk({ options: { filters: { dataTypes: ['tableData'], recordChangeScope: view } } });
    const baseHook = await createOk({ options: { filters: { dataTypes: ['tableData', 'tableMetadata', 'tableFields'] } } });
    const { id: record } = rig.sb.airtable.mutate.createRecord({ table: rig.table.id });
    const { id: table } = rig.sb.airtable.mutate.createTable({ base: rig.base.id, name: 'Temporary' });
    rig.sb.airtable.mutate.deleteTable({ table });
    expect((await payloads(viewHook.id)).payloads).toMatchObject([
      { changedTablesById: { [rig.table.id]: { changedViewsById: { [view]: { createdRecordsById: { [record]: {} } } } } } },
    ]);
    const base = (await payloads(baseHook.id)).payloads;
    expect(base[1]).toMatchObject({ createdTablesById: { [table]: { metadata: { name: 'Temporary', description: '' } } } });
    expect(base[2]).toMatchObject({ destroyedTableIds: [table] });
  });

  it('goes into an error state with one error payload when a watched field is destroyed', async () => {
    const { id: field } = rig.sb.airtable.mutate.createField({ table: rig.table.id, name: 'Watched', type: 'number' });
    const hook = await createOk({ options: { filters: { dataTypes: ['tableData'], watchDataInFieldIds: [field] } } });
    rig.sb.airtable.mutate.deleteField({ table: rig.table.id, field });
    rig.sb.airtable.mutate.createRecord({ table: rig.table.id });
    const got = await payloads(hook.id);
    expect(got.payloads).toEqual([expect.objectContaining({ error: true, code: 'INVALID_FILTERS' })]);
    const listed = airtableWebhookList.parse(await (await rig.get(hooks())).json()).webhooks.find((w) => w.id === hook.id)!;
    expect(listed.isHookEnabled).toBe(false);
  });
});

describe('Airtable webhook time: 7-day payloads, 7-day webhooks, on the sandbox clock', () => {
  it('deletes payloads after 7 days whether read or not; the cursor is never reset and the gap shows', async () => {
    const { id } = await createOk();
    rig.sb.airtable.mutate.createRecord({ table: rig.table.id });
    rig.sb.clock.advance(4 * DAY_MS);
    // Listing keeps the webhook alive, not its old payloads.
    expect((await payloads(id)).payloads).toHaveLength(1);
    rig.sb.airtable.mutate.createRecord({ table: rig.table.id });
    rig.sb.clock.advance(4 * DAY_MS);
    const late = await payloads(id, { cursor: '1' });
    expect(late.payloads).toHaveLength(1);
    // Asked from 1, got one payload, and the cursor says 3: payload 1 is gone for good.
    expect(late.cursor).toBe(3);
  });

  it('expires a webhook 7 days after creation unless refreshed or listed; refresh answers the new expiry', async () => {
    const { id } = await createOk();
    rig.sb.clock.advance(6 * DAY_MS);
    const refreshed = airtableWebhookRefreshed.parse(await (await rig.send('POST', `${hooks()}/${id}/refresh`)).json());
    expect(Date.parse(refreshed.expirationTime!) - rig.sb.clock.now()).toBeGreaterThan(7 * DAY_MS - 60_000);
    rig.sb.clock.advance(6 * DAY_MS);
    await payloads(id);
    rig.sb.clock.advance(6 * DAY_MS);
    rig.sb.airtable.mutate.createRecord({ table: rig.table.id });
    expect((await payloads(id)).payloads).toHaveLength(1);
    rig.sb.clock.advance(8 * DAY_MS);
    rig.sb.airtable.mutate.createRecord({ table: rig.table.id });
    const listed = airtableWebhookList.parse(await (await rig.get(hooks())).json()).webhooks.find((w) => w.id === id)!;
    expect(listed.isHookEnabled).toBe(false);
    // Expired: no new payloads, no refresh, but its metadata and past payloads stay readable for 7 more days.
    expect(await error(await rig.send('POST', `${hooks()}/${id}/refresh`))).toEqual({
      status: 422,
      type: 'CANNOT_REFRESH_DISABLED_WEBHOOK',
    });
    expect((await rig.get(`${hooks()}/${id}/payloads`)).status).toBe(200);
    rig.sb.clock.advance(7 * DAY_MS);
    expect(await error(await rig.get(`${hooks()}/${id}/payloads`))).toEqual({
      status: 403,
      type: 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND',
    });
  });

  it("counts an expired webhook toward the integration's 2 until it is deleted", async () => {
    await createOk();
    const { id } = await createOk();
    rig.sb.clock.advance(8 * DAY_MS);
    expect((await create()).status).toBe(422);
    expect((await rig.send('DELETE', `${hooks()}/${id}`)).status).toBe(200);
    expect((await create()).status).toBe(200);
  });
});

describe('Airtable webhooks share the 5 requests/s per base', () => {
  it('answers 429 RATE_LIMIT_REACHED to the 6th webhooks call within a second on one base', async () => {
    const limited = await airtableRig({ limits: { perSecond: 5, lockoutMs: 30_000 } });
    try {
      // Sent at once, so a loaded machine does not spread them over more than a second.
      const answers = await Promise.all(Array.from({ length: 6 }, () => limited.get(`/v0/bases/${limited.base.id}/webhooks`)));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 429]);
      // Another base has its own budget.
      expect((await limited.get(`/v0/bases/${limited.account.bases[1]!.id}/webhooks`)).status).toBe(200);
    } finally {
      await limited.sb.close();
    }
  });
});
