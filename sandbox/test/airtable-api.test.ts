import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { airtableBases, airtableError, airtableRecords, airtableTables } from './contracts/airtable.js';
import { connectAirtable, get, sleep, startSmallSandbox, type Tokens, url } from './helpers.js';

let sb: RunningSandbox;
let tokens: Tokens;
beforeAll(async () => {
  sb = await startSmallSandbox({ airtable: { size: { bases: 1100 }, limits: false } });
  tokens = await connectAirtable(sb);
});
afterAll(() => sb.close());

const api = (path: string, params: Record<string, string> = {}, token = tokens.access_token) =>
  get(url(sb.airtable.apiUrl, path, params), token);
const account = () => sb.dataset.airtable[0];

describe('Airtable GET /v0/meta/bases', () => {
  it('lists up to 1000 bases per page with permissionLevel and an offset until the last page', async () => {
    const first = airtableBases.parse(await (await api('/v0/meta/bases')).json());
    expect(first.bases).toHaveLength(1000);
    expect(first.offset).toMatch(/^itr[A-Za-z0-9]{14}\/app/);
    const second = airtableBases.parse(await (await api('/v0/meta/bases', { offset: first.offset ?? '' })).json());
    expect(second.bases).toHaveLength(100);
    expect(second.offset).toBeUndefined();
    const granted = account()?.bases.filter((b) => b.granted) ?? [];
    expect([...first.bases, ...second.bases].map((b) => b.id)).toEqual(granted.map((b) => b.id));
    expect(first.bases[0]).toEqual({ id: granted[0]?.id, name: granted[0]?.name, permissionLevel: granted[0]?.permissionLevel });
  });

  it('answers 422 for an offset it never issued', async () => {
    expect((await api('/v0/meta/bases', { offset: 'itrXXXXXXXXXXXXXX/appNOPE' })).status).toBe(422);
  });
});

describe('Airtable GET /v0/meta/bases/{baseId}/tables', () => {
  it('returns tables with fields, views and primaryFieldId; one base has exactly 30 tables', async () => {
    const base = account()?.bases[1];
    const body = airtableTables.parse(await (await api(`/v0/meta/bases/${base?.id}/tables`)).json());
    expect(body.tables).toHaveLength(30);
    for (const table of body.tables) expect(table.fields.map((f) => f.id)).toContain(table.primaryFieldId);
    const withVisible = airtableTables.parse(
      await (await api(`/v0/meta/bases/${base?.id}/tables`, { 'include[]': 'visibleFieldIds' })).json(),
    );
    expect(withVisible.tables[0]?.views.find((v) => v.type === 'grid')?.visibleFieldIds?.length).toBeGreaterThan(0);
  });

  it('hides unknown and ungranted bases behind 403 INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND', async () => {
    const hidden = account()?.bases.find((b) => !b.granted);
    for (const id of ['appAAAAAAAAAAAAAA', hidden?.id, sb.dataset.airtable[1]?.bases[0]?.id]) {
      const res = await api(`/v0/meta/bases/${id}/tables`);
      expect(res.status).toBe(403);
      expect(airtableError.parse(await res.json()).error.type).toBe('INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND');
    }
  });

  it('lists a base with permissionLevel "none" whose schema answers 403, like one withdrawn mid-load (Q3)', async () => {
    const none = account()!.bases.find((b) => b.granted && b.permissionLevel === 'none')!;
    const first = airtableBases.parse(await (await api('/v0/meta/bases')).json());
    const listed = [
      ...first.bases,
      ...airtableBases.parse(await (await api('/v0/meta/bases', { offset: first.offset ?? '' })).json()).bases,
    ];
    expect(listed.find((b) => b.id === none.id)?.permissionLevel).toBe('none');
    const forbidden = await api(`/v0/meta/bases/${none.id}/tables`);
    expect(forbidden.status).toBe(403);
    expect(airtableError.parse(await forbidden.json()).error.type).toBe('INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND');

    const readable = account()!.bases[2]!;
    expect((await api(`/v0/meta/bases/${readable.id}/tables`)).status).toBe(200);
    readable.granted = false;
    try {
      expect((await api(`/v0/meta/bases/${readable.id}/tables`)).status).toBe(403);
    } finally {
      readable.granted = true;
    }
  });
});

describe('Airtable GET /v0/{baseId}/{tableIdOrName}', () => {
  it('pages through every record (pageSize <= 100, offset) with none missing or repeated', async () => {
    const base = account()?.bases[0];
    const table = base?.tables[0];
    const seen: string[] = [];
    let offset: string | undefined;
    let pages = 0;
    do {
      const body = airtableRecords.parse(await (await api(`/v0/${base?.id}/${table?.id}`, offset ? { offset } : {})).json());
      expect(body.records.length).toBeLessThanOrEqual(100);
      seen.push(...body.records.map((r) => r.id));
      offset = body.offset;
      pages++;
    } while (offset);
    expect(pages).toBe(3);
    expect(seen).toEqual(table?.records.map((r) => r.id));
  });

  it('honours pageSize, maxRecords, fields[] and table names; omits empty cells', async () => {
    const base = account()?.bases[0];
    const table = base?.tables[0];
    const small = airtableRecords.parse(
      await (await api(`/v0/${base?.id}/${encodeURIComponent(table?.name ?? '')}`, { pageSize: '7', maxRecords: '10' })).json(),
    );
    expect(small.records).toHaveLength(7);
    const rest = airtableRecords.parse(
      await (await api(`/v0/${base?.id}/${table?.id}`, { pageSize: '7', maxRecords: '10', offset: small.offset ?? '' })).json(),
    );
    expect(rest.records).toHaveLength(3);
    expect(rest.offset).toBeUndefined();
    const onlyName = airtableRecords.parse(await (await api(`/v0/${base?.id}/${table?.id}`, { 'fields[]': 'Name' })).json());
    for (const r of onlyName.records) expect(Object.keys(r.fields).every((k) => k === 'Name')).toBe(true);
    for (const r of onlyName.records) for (const v of Object.values(r.fields)) expect(v === '' || v === false).toBe(false);
  });

  it('answers 403 for an unknown table and 422 for an expired offset', async () => {
    const base = account()?.bases[0];
    expect((await api(`/v0/${base?.id}/tblNOPENOPENOPENO`)).status).toBe(403);
    const res = await api(`/v0/${base?.id}/${base?.tables[0]?.id}`, { offset: 'itrAAAAAAAAAAAAAA/recGONE' });
    expect(res.status).toBe(422);
    expect(airtableError.parse(await res.json()).error.type).toBe('LIST_RECORDS_ITERATOR_NOT_AVAILABLE');
  });

  it('answers 403 without the data.records:read scope', async () => {
    const schemaOnly = await connectAirtable(sb, 0, 'schema.bases:read');
    const base = account()?.bases[0];
    expect((await api(`/v0/${base?.id}/${base?.tables[0]?.id}`, {}, schemaOnly.access_token)).status).toBe(403);
  });
});

describe('Airtable rate limit: 5 requests/s per base, then a lock-out', () => {
  let limited: RunningSandbox;
  let t: Tokens;
  beforeAll(async () => {
    limited = await startSmallSandbox({ airtable: { limits: { perSecond: 5, lockoutMs: 1500 } } });
    t = await connectAirtable(limited);
  });
  afterAll(() => limited.close());

  it('answers 429 RATE_LIMIT_REACHED on the 6th request within a second and keeps refusing for the lock-out', async () => {
    const [a, b] = limited.dataset.airtable[0]?.bases ?? [];
    const call = (baseId: string | undefined) => get(url(limited.airtable.apiUrl, `/v0/meta/bases/${baseId}/tables`), t.access_token);
    for (let i = 0; i < 5; i++) expect((await call(a?.id)).status).toBe(200);
    const res = await call(a?.id);
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({ error: { type: 'RATE_LIMIT_REACHED', message: 'Rate limit exceeded. Please try again later' } });
    // The limit is per base: another base still answers, and per-user meta endpoints have their own budget.
    expect((await call(b?.id)).status).toBe(200);
    expect((await get(url(limited.airtable.apiUrl, '/v0/meta/bases'), t.access_token)).status).toBe(200);
    await sleep(1050);
    expect((await call(a?.id)).status).toBe(429);
    await sleep(500);
    expect((await call(a?.id)).status).toBe(200);
  });
});
