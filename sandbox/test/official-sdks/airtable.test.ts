import Airtable from 'airtable';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AirtableAccount } from '../../src/airtable/index.js';
import type { RunningSandbox } from '../../src/index.js';
import { airtableBases, airtableTables, airtableWhoami } from '../contracts/airtable.js';
import { connectAirtable, startSmallSandbox } from '../helpers.js';

/**
 * The official Airtable client (airtable.js) pointed at the simulator (`endpointUrl`). It lists
 * records through its query API. It has no metadata API: the calls the Airtable provider module
 * makes (whoami, bases, a base's tables) go through the client's own request machinery
 * (`base('meta').makeRequest`, which requests `/v0/meta/<path>` with its headers and its error
 * handling), and their bodies are checked against the contracts written from Airtable's reference.
 */
let sb: RunningSandbox;
let account: AirtableAccount;
let airtable: Airtable;
beforeAll(async () => {
  sb = await startSmallSandbox({ airtable: { size: { bases: 4 }, limits: false } });
  account = sb.dataset.airtable[0]!;
  const tokens = await connectAirtable(sb);
  // An OAuth access token goes where a key would: the client sends it as the Bearer token.
  airtable = new Airtable({ apiKey: tokens.access_token, endpointUrl: sb.airtable.apiUrl, noRetryIfRateLimited: true });
});
afterAll(() => sb.close());

const meta = (path: string) => airtable.base('meta').makeRequest({ path });

describe('airtable.js against the Airtable simulator', () => {
  it("whoami, the bases list and a base schema through the client's request machinery", async () => {
    expect(airtableWhoami.parse((await meta('/whoami')).body)).toMatchObject({ id: account.userId, email: account.email });
    const bases = airtableBases.parse((await meta('/bases')).body).bases;
    expect(bases.map((b) => b.id)).toEqual(account.bases.filter((b) => b.granted).map((b) => b.id));
    const readable = account.bases[1]!;
    const tables = airtableTables.parse((await meta(`/bases/${readable.id}/tables`)).body).tables;
    expect(tables.map((t) => t.id)).toEqual(readable.tables.map((t) => t.id));
  });

  it('reads a 403 on a base listed with permissionLevel "none" as its NOT_AUTHORIZED error', async () => {
    const none = account.bases.find((b) => b.granted && b.permissionLevel === 'none')!;
    await expect(meta(`/bases/${none.id}/tables`)).rejects.toMatchObject({ error: 'NOT_AUTHORIZED', statusCode: 403 });
  });

  it('lists every record of a table across pages with select().all(), fields by name', async () => {
    const base = account.bases[0]!;
    const table = base.tables[0]!;
    const records = await airtable.base(base.id).table(table.id).select({ pageSize: 100 }).all();
    expect(records.map((r) => r.id)).toEqual(table.records.map((r) => r.id));
    const withName = table.records.find((r) => r.cells[table.primaryFieldId])!;
    expect(records.find((r) => r.id === withName.id)!.get('Name')).toBe(withName.cells[table.primaryFieldId]);
    const page = await airtable
      .base(base.id)
      .table(table.name)
      .select({ pageSize: 5, maxRecords: 5, fields: ['Name'] })
      .firstPage();
    expect(page).toHaveLength(5);
    expect(page.every((r) => Object.keys(r.fields).every((k) => k === 'Name'))).toBe(true);
  });

  it('surfaces a 429 (retries off) as its rate-limit error', async () => {
    sb.faults.inject({ provider: 'airtable', kind: 'rate_limit', count: 1 });
    await expect(meta('/bases')).rejects.toMatchObject({ statusCode: 429 });
  });
});
