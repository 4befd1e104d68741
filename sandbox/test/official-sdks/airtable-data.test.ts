import Airtable from 'airtable';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  airtableCellByType,
  airtableWebhookCreated,
  airtableWebhookList,
  airtableWebhookPayloads,
  airtableWebhookRefreshed,
} from '../contracts/airtable.js';
import { type AirtableRig, airtableRig } from '../airtable-support.js';

/**
 * airtable.js 0.12 (the official client) against the records, formulas and webhooks the Airtable
 * simulator serves: paging with `eachPage`/`all` (the offset round trip), `find`, `select` with
 * `filterByFormula`, `fields` and `sort`, its automatic switch to `POST …/listRecords` past 15,000
 * URL characters, an expired offset as its 422 error, and the webhooks API through its own request
 * machinery (`base('bases').makeRequest`: the client has no webhook methods).
 */
let rig: AirtableRig;
let airtable: Airtable;
beforeAll(async () => {
  rig = await airtableRig();
  airtable = new Airtable({ apiKey: rig.token, endpointUrl: rig.sb.airtable.apiUrl, noRetryIfRateLimited: true });
});
afterAll(() => rig.sb.close());

const table = () => airtable.base(rig.base.id).table(rig.table.id);
const webhooks = (path = '', method = 'GET', body?: unknown) =>
  airtable.base('bases').makeRequest({ method, path: `/${rig.base.id}/webhooks${path}`, ...(body === undefined ? {} : { body }) });

describe('airtable.js reads the records', () => {
  it('walks every record page by page with eachPage (offsets round-trip) and all()', async () => {
    const pages: number[] = [];
    await table()
      .select({ pageSize: 100 })
      .eachPage((records, next) => {
        pages.push(records.length);
        next();
      });
    expect(pages).toEqual([100, 100, 50]);
    const all = await table().select().all();
    expect(all.map((r) => r.id)).toEqual(rig.table.records.map((r) => r.id));
  });

  it('finds one record, every field type readable through record.get', async () => {
    const source = rig.table.records.find((r) => Object.keys(r.cells).length > 15)!;
    const record = await table().find(source.id);
    expect(record.id).toBe(source.id);
    for (const field of rig.table.fields) {
      const value: unknown = record.get(field.name);
      if (value !== undefined)
        expect(airtableCellByType[field.type as keyof typeof airtableCellByType].safeParse(value).success).toBe(true);
    }
    await expect(table().find('recNOPENOPENOPENO')).rejects.toMatchObject({ statusCode: 404, error: 'NOT_FOUND' });
  });

  it('selects with filterByFormula, fields and sort; a long formula goes as POST …/listRecords by itself', async () => {
    const since = new Date(rig.sb.clock.now()).toISOString();
    rig.sb.clock.advance(1000);
    const edited = rig.table.records[3]!;
    rig.sb.airtable.mutate.updateRecord({ record: edited.id, cells: { Quantity: 123 } });
    const changed = await table()
      .select({ filterByFormula: `IS_AFTER(LAST_MODIFIED_TIME(), '${since}')`, fields: ['Name', 'Quantity'] })
      .all();
    expect(changed.map((r) => [r.id, r.get('Quantity')])).toEqual([[edited.id, 123]]);
    // About 30,000 characters once URL-encoded: as a GET this would be refused (414), so 200 records prove the POST.
    const ids = rig.table.records.slice(0, 200).map((r) => `RECORD_ID() = '${r.id}'`);
    const long = await table()
      .select({ filterByFormula: `OR(${[...ids, ...ids, ...ids].join(', ')})`, sort: [{ field: 'ID', direction: 'desc' }] })
      .all();
    expect(long).toHaveLength(200);
    const numbers = long.map((r) => r.get('ID') as number);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  });

  it('surfaces an expired offset as its 422 LIST_RECORDS_ITERATOR_NOT_AVAILABLE error (the caller restarts the listing)', async () => {
    let pages = 0;
    const walk = table()
      .select({ pageSize: 100 })
      .eachPage((_records, next) => {
        pages++;
        rig.sb.airtable.expireListOffsets();
        next();
      });
    await expect(walk).rejects.toMatchObject({ statusCode: 422, error: 'LIST_RECORDS_ITERATOR_NOT_AVAILABLE' });
    expect(pages).toBe(1);
  });
});

describe('airtable.js drives the webhooks API through its request machinery', () => {
  it('creates, lists, reads payloads, refreshes, turns notifications off and deletes a webhook', async () => {
    const created = airtableWebhookCreated.parse(
      (await webhooks('', 'POST', { specification: { options: { filters: { dataTypes: ['tableData'] } } } })).body,
    );
    rig.sb.airtable.mutate.createRecord({ table: rig.table.id, cells: { Name: 'Seen by the SDK' } });
    const listed = airtableWebhookList.parse((await webhooks()).body);
    expect(listed.webhooks.map((w) => w.id)).toContain(created.id);
    const page = airtableWebhookPayloads.parse((await webhooks(`/${created.id}/payloads`)).body);
    expect(page.payloads).toHaveLength(1);
    airtableWebhookRefreshed.parse((await webhooks(`/${created.id}/refresh`, 'POST')).body);
    expect((await webhooks(`/${created.id}/enableNotifications`, 'POST', { enable: false })).statusCode).toBe(200);
    expect((await webhooks(`/${created.id}`, 'DELETE')).statusCode).toBe(200);
    await expect(webhooks(`/${created.id}/payloads`)).rejects.toMatchObject({ statusCode: 403 });
  });
});
