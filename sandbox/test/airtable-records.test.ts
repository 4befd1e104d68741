import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { airtableCellByType, airtableError, airtableFieldOptionsByType, airtableRecords, airtableTables } from './contracts/airtable.js';
import { type AirtableRig, airtableRig } from './airtable-support.js';

let rig: AirtableRig;
beforeAll(async () => {
  rig = await airtableRig();
});
afterAll(() => rig.sb.close());

const records = async (params: Record<string, string | string[]> = {}, table = rig.table.id) =>
  airtableRecords.parse(await (await rig.get(`/v0/${rig.base.id}/${table}`, params)).json());
const allRecords = async (params: Record<string, string | string[]> = {}) => {
  const out: Array<{ id: string; fields: Record<string, unknown> }> = [];
  let offset: string | undefined;
  do {
    const page = await records({ ...params, ...(offset ? { offset } : {}) });
    out.push(...page.records);
    offset = page.offset;
  } while (offset);
  return out;
};
const error = async (response: Response) => ({ status: response.status, ...airtableError.parse(await response.json()).error });

describe('Airtable field types: the schema and the values records carry', () => {
  it('lists every field type of the base schema with the options Airtable gives it', async () => {
    const { tables } = airtableTables.parse(await (await rig.get(`/v0/meta/bases/${rig.base.id}/tables`)).json());
    const fields = tables[0]!.fields;
    expect(new Set(fields.map((f) => f.type))).toEqual(new Set(Object.keys(airtableCellByType)));
    for (const field of fields) {
      const options = airtableFieldOptionsByType[field.type as keyof typeof airtableFieldOptionsByType];
      if (options) expect(options.safeParse(field.options), `${field.type} options`).toMatchObject({ success: true });
    }
    const formula = fields.find((f) => f.type === 'formula')!;
    // Formulas name the fields they read by id, in braces.
    for (const id of formula.options!.referencedFieldIds as string[]) expect(formula.options!.formula).toContain(`{${id}}`);
  });

  it('gives each type its JSON value (by field id with returnFieldsByFieldId), empty cells omitted', async () => {
    const { tables } = airtableTables.parse(await (await rig.get(`/v0/meta/bases/${rig.base.id}/tables`)).json());
    const typeOf = new Map(tables[0]!.fields.map((f) => [f.id, f.type]));
    const seen = new Set<string>();
    for (const record of await allRecords({ returnFieldsByFieldId: 'true' })) {
      for (const [id, value] of Object.entries(record.fields)) {
        const type = typeOf.get(id)!;
        seen.add(type);
        expect(
          airtableCellByType[type as keyof typeof airtableCellByType].safeParse(value),
          `${type}: ${JSON.stringify(value)}`,
        ).toMatchObject({
          success: true,
        });
        expect(value === '' || value === false || (Array.isArray(value) && value.length === 0)).toBe(false);
      }
    }
    expect(seen).toEqual(new Set(typeOf.values()));
  });

  it('returns formula errors as objects: {specialValue: "NaN"} for 0/0, {specialValue: "Infinity"}, {error: "#ERROR!"}', async () => {
    const values = (await allRecords()).flatMap((r) => [r.fields['Per star'], r.fields.Grade]);
    expect(values).toContainEqual({ specialValue: 'NaN' });
    expect(values).toContainEqual({ error: '#ERROR!' });
    const { id } = rig.sb.airtable.mutate.createRecord({ table: rig.table.id, cells: { Name: 'Zero stars', Quantity: 5 } });
    const [row] = (await records({ filterByFormula: `RECORD_ID() = '${id}'` })).records;
    expect(row!.fields['Per star']).toEqual({ specialValue: 'Infinity' });
    expect(row!.fields.Total).toBe(0);
  });

  it('computes links both ways, rollups, lookups and counts from the linked table', async () => {
    const link = rig.table.fields.find((f) => f.type === 'multipleRecordLinks')!;
    const other = rig.base.tables.find((t) => t.id === link.options?.linkedTableId)!;
    const inverse = other.fields.find((f) => f.id === link.options?.inverseLinkFieldId)!;
    const amount = other.fields.find((f) => f.type === 'number')!;
    const linked = rig.table.records.find((r) => (r.cells[link.id] as string[] | undefined)?.length)!;
    const [row] = (await records({ filterByFormula: `RECORD_ID() = '${linked.id}'` })).records;
    const targets = linked.cells[link.id] as string[];
    expect(row!.fields[link.name]).toEqual(targets);
    expect(row!.fields[`${link.name} (count)`]).toBe(targets.length);
    const expectedSum = targets.reduce((sum, id) => sum + Number(other.records.find((r) => r.id === id)!.cells[amount.id] ?? 0), 0);
    expect(row!.fields[`Sum of ${amount.name}`]).toBe(expectedSum);
    for (const id of targets) expect(other.records.find((r) => r.id === id)!.cells[inverse.id]).toContain(linked.id);
  });
});

describe('Airtable records: paging with offsets that expire', () => {
  it('fixes the listing at the first page: later pages show current values, skip deleted records, never new ones', async () => {
    const first = await records({ pageSize: '10' });
    const later = rig.table.records[12]!;
    const gone = rig.table.records[14]!;
    rig.sb.airtable.mutate.updateRecord({ record: later.id, cells: { Name: 'Renamed mid-listing' } });
    rig.sb.airtable.mutate.deleteRecord({ record: gone.id });
    const { id: created } = rig.sb.airtable.mutate.createRecord({ table: rig.table.id, cells: { Name: 'Born mid-listing' } });
    const rest: string[] = [];
    let offset = first.offset;
    let renamed: unknown;
    while (offset) {
      const page = await records({ offset, pageSize: '100' });
      for (const r of page.records) if (r.id === later.id) renamed = r.fields.Name;
      rest.push(...page.records.map((r) => r.id));
      offset = page.offset;
    }
    expect(renamed).toBe('Renamed mid-listing');
    expect(rest).not.toContain(gone.id);
    expect(rest).not.toContain(created);
    expect(new Set([...first.records.map((r) => r.id), ...rest]).size).toBe(rig.table.records.length - 1);
  });

  it('answers 422 LIST_RECORDS_ITERATOR_NOT_AVAILABLE for an offset unused longer than the timeout, then a fresh listing works', async () => {
    const page = await records({ pageSize: '100' });
    rig.sb.clock.advance(301_000);
    const stale = await rig.get(`/v0/${rig.base.id}/${rig.table.id}`, { offset: page.offset! });
    expect(await error(stale)).toMatchObject({ status: 422, type: 'LIST_RECORDS_ITERATOR_NOT_AVAILABLE' });
    const again = await records({ pageSize: '100' });
    expect((await records({ offset: again.offset! })).records.length).toBeGreaterThan(0);
  });

  it('loses every offset when Airtable restarts, and refuses text that is no offset with INVALID_OFFSET_VALUE', async () => {
    const page = await records({ pageSize: '100' });
    rig.sb.airtable.expireListOffsets();
    expect(await error(await rig.get(`/v0/${rig.base.id}/${rig.table.id}`, { offset: page.offset! }))).toMatchObject({
      type: 'LIST_RECORDS_ITERATOR_NOT_AVAILABLE',
    });
    expect(await error(await rig.get(`/v0/${rig.base.id}/${rig.table.id}`, { offset: 'rec123' }))).toMatchObject({
      status: 422,
      type: 'INVALID_OFFSET_VALUE',
    });
  });
});

describe('Airtable filterByFormula: what a delta needs', () => {
  it('selects records changed since a time with LAST_MODIFIED_TIME() > and IS_AFTER(), edits bump it, creations too', async () => {
    const since = new Date(rig.sb.clock.now()).toISOString();
    rig.sb.clock.advance(1000);
    const edited = rig.table.records[20]!;
    rig.sb.airtable.mutate.updateRecord({ record: edited.id, cells: { Quantity: 77 } });
    const { id: created } = rig.sb.airtable.mutate.createRecord({ table: rig.table.id, cells: { Name: 'New' } });
    for (const formula of [`LAST_MODIFIED_TIME() > '${since}'`, `IS_AFTER(LAST_MODIFIED_TIME(), '${since}')`]) {
      const ids = (await allRecords({ filterByFormula: formula })).map((r) => r.id);
      expect(ids.sort()).toEqual([edited.id, created].sort());
    }
  });

  it('does not bump LAST_MODIFIED_TIME() of a record whose rollup input changed in the linked table (observed)', async () => {
    const link = rig.table.fields.find((f) => f.type === 'multipleRecordLinks')!;
    const linked = rig.table.records.find((r) => (r.cells[link.id] as string[] | undefined)?.length)!;
    const target = (linked.cells[link.id] as string[])[0]!;
    const amount = rig.base.tables[1]!.fields.find((f) => f.type === 'number')!;
    const before = (await records({ filterByFormula: `RECORD_ID() = '${linked.id}'` })).records[0]!;
    const since = new Date(rig.sb.clock.now()).toISOString();
    rig.sb.clock.advance(1000);
    rig.sb.airtable.mutate.updateRecord({ record: target, cells: { [amount.id]: 1_000_000 } });
    const after = (await records({ filterByFormula: `RECORD_ID() = '${linked.id}'` })).records[0]!;
    expect(after.fields[`Sum of ${amount.name}`]).not.toBe(before.fields[`Sum of ${amount.name}`]);
    expect(after.fields['Last modified']).toBe(before.fields['Last modified']);
    expect((await allRecords({ filterByFormula: `LAST_MODIFIED_TIME() > '${since}'` })).map((r) => r.id)).not.toContain(linked.id);
  });

  it('matches RECORD_ID() lists with OR, combines with AND, compares fields by name', async () => {
    const [a, b, c] = rig.table.records;
    const ors = (
      await allRecords({ filterByFormula: `OR(RECORD_ID() = '${a!.id}', RECORD_ID() = '${b!.id}', RECORD_ID() = '${c!.id}')` })
    ).map((r) => r.id);
    expect(ors.sort()).toEqual([a!.id, b!.id, c!.id].sort());
    const big = await allRecords({ filterByFormula: `AND({Quantity} > 250, NOT({Status} = 'Done'))` });
    expect(big.length).toBeGreaterThan(0);
    for (const r of big) expect(r.fields.Quantity as number).toBeGreaterThan(250);
    for (const r of big) expect(r.fields.Status).not.toBe('Done');
  });

  it('refuses formulas it cannot evaluate with 422 INVALID_FILTER_BY_FORMULA and says why', async () => {
    const refuse = (formula: string) => rig.get(`/v0/${rig.base.id}/${rig.table.id}`, { filterByFormula: formula });
    expect(await error(await refuse('LAST_MODIFIED_TIME( >'))).toEqual({
      status: 422,
      type: 'INVALID_FILTER_BY_FORMULA',
      message: 'The formula for filtering records is invalid: please check your formula text.',
    });
    expect((await error(await refuse(`FIND('a', {Name})`))).message).toContain('Unknown function names: FIND');
    expect((await error(await refuse(`{Nope} = 1`))).message).toContain('Unknown field names: Nope');
  });
});

describe('Airtable list parameters, one record, and the URL limit', () => {
  it('sorts, picks fields by name, returns commentCount when asked, and accepts the same parameters as POST …/listRecords', async () => {
    const sorted = await allRecords({
      'sort[0][field]': 'ID',
      'sort[0][direction]': 'desc',
      'fields[]': ['ID', 'Name'],
      'recordMetadata[]': 'commentCount',
    });
    const ids = sorted.map((r) => r.fields.ID as number);
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    for (const r of sorted) expect(Object.keys(r.fields).every((k) => k === 'ID' || k === 'Name')).toBe(true);
    const page = (await records({ 'recordMetadata[]': 'commentCount' })).records;
    expect(page.every((r) => typeof (r as { commentCount?: number }).commentCount === 'number')).toBe(true);
    const posted = airtableRecords.parse(
      await (
        await rig.send('POST', `/v0/${rig.base.id}/${rig.table.id}/listRecords`, {
          sort: [{ field: 'ID', direction: 'desc' }],
          fields: ['ID'],
          pageSize: 5,
        })
      ).json(),
    );
    expect(posted.records.map((r) => r.fields.ID)).toEqual(ids.slice(0, 5));
  });

  it('refuses unknown fields and views, and cellFormat=string without timeZone and userLocale', async () => {
    expect(await error(await rig.get(`/v0/${rig.base.id}/${rig.table.id}`, { 'fields[]': 'Nope' }))).toMatchObject({
      status: 422,
      type: 'UNKNOWN_FIELD_NAME',
    });
    expect(await error(await rig.get(`/v0/${rig.base.id}/${rig.table.id}`, { view: 'Nope' }))).toMatchObject({
      status: 422,
      type: 'VIEW_NAME_NOT_FOUND',
    });
    expect((await rig.get(`/v0/${rig.base.id}/${rig.table.id}`, { cellFormat: 'string' })).status).toBe(422);
    const text = await records({ cellFormat: 'string', timeZone: 'UTC', userLocale: 'en-us', 'fields[]': 'Tags' });
    for (const r of text.records) if (r.fields.Tags !== undefined) expect(typeof r.fields.Tags).toBe('string');
  });

  it('reads one record; a deleted one answers 404 MODEL_ID_NOT_FOUND, a record of an unreadable base 403', async () => {
    const record = rig.table.records[30]!;
    const one = await (await rig.get(`/v0/${rig.base.id}/${rig.table.id}/${record.id}`, { returnFieldsByFieldId: 'true' })).json();
    expect(one).toMatchObject({ id: record.id, createdTime: record.createdTime });
    expect((one as { fields: Record<string, unknown> }).fields[rig.table.primaryFieldId]).toBe(record.cells[rig.table.primaryFieldId]);
    rig.sb.airtable.mutate.deleteRecord({ record: record.id });
    expect(await error(await rig.get(`/v0/${rig.base.id}/${rig.table.id}/${record.id}`))).toEqual({
      status: 404,
      type: 'MODEL_ID_NOT_FOUND',
      message: 'Record not found',
    });
    const none = rig.account.bases.find((b) => b.granted && b.permissionLevel === 'none')!;
    expect((await rig.get(`/v0/${none.id}/${none.tables[0]!.id}/${none.tables[0]!.records[0]?.id ?? 'recX'}`)).status).toBe(403);
  });

  it('refuses a GET over 16,000 characters with 414, and takes the same formula as POST …/listRecords', async () => {
    const path = `/v0/${rig.base.id}/${rig.table.id}?filterByFormula=`;
    // 16,001 characters in all, origin included: past Airtable's limit, within Node's own 16 KiB of headers.
    const long = `${path}${'x'.repeat(16_001 - rig.sb.airtable.apiUrl.length - path.length)}`;
    expect(rig.sb.airtable.apiUrl.length + long.length).toBe(16_001);
    expect(await error(await rig.get(long))).toMatchObject({ status: 414, type: 'URL_TOO_LONG' });
    const ids = rig.table.records.slice(0, 200).map((r) => `RECORD_ID() = '${r.id}'`);
    const formula = `OR(${[...ids, ...ids, ...ids, ...ids].join(', ')})`;
    expect(formula.length).toBeGreaterThan(16_000);
    const posted = await rig.send('POST', `/v0/${rig.base.id}/${rig.table.id}/listRecords`, { filterByFormula: formula, pageSize: 100 });
    expect(airtableRecords.parse(await posted.json()).records).toHaveLength(100);
  });
});
