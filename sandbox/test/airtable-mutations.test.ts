import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { airtableBases, airtableRecords, airtableTables } from './contracts/airtable.js';
import { type AirtableRig, airtableRig, DAY_MS } from './airtable-support.js';
import { postJson, url } from './helpers.js';

let rig: AirtableRig;
beforeAll(async () => {
  rig = await airtableRig();
});
afterAll(() => rig.sb.close());

const mutate = () => rig.sb.airtable.mutate;
const one = async (id: string, table = rig.table.id) => {
  const response = await rig.get(`/v0/${rig.base.id}/${table}/${id}`);
  return response.status === 200
    ? ((await response.json()) as { id: string; createdTime: string; fields: Record<string, unknown> })
    : response.status;
};
const schema = async () => airtableTables.parse(await (await rig.get(`/v0/meta/bases/${rig.base.id}/tables`)).json()).tables;

describe('Airtable records change at the provider, on the sandbox clock', () => {
  it('creates a record with a new rec id, its creation time and autonumber from the clock, values by field name or id', async () => {
    rig.sb.clock.advance(DAY_MS);
    const before = rig.sb.clock.now();
    const quantity = rig.table.fields.find((f) => f.name === 'Quantity')!;
    const { id } = mutate().createRecord({ table: rig.table.id, cells: { Name: 'Ada', [quantity.id]: 12, Tags: ['Client'], Done: true } });
    expect(id).toMatch(/^rec[A-Za-z0-9]{14}$/);
    const record = await one(id);
    expect(record).toMatchObject({
      id,
      fields: { Name: 'Ada', Quantity: 12, Tags: ['Client'], Done: true, ID: rig.table.nextAutoNumber - 1 },
    });
    if (typeof record === 'number') throw new Error('expected the record');
    expect(Date.parse(record.createdTime)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(record.fields['Last modified'] as string)).toBeGreaterThanOrEqual(before);
    expect(record.fields['Created by']).toEqual(rig.account.collaborators[0]);
  });

  it('edits and renames (the primary field): the last-modified time and user move, the creation time does not', async () => {
    const target = rig.table.records[40]!;
    const created = target.createdTime;
    rig.sb.clock.advance(60_000);
    const at = rig.sb.clock.now();
    mutate().updateRecord({ record: target.id, cells: { Notes: 'changed', Rating: null }, by: 2 });
    mutate().renameRecord({ record: target.id, name: 'Renamed' });
    const record = await one(target.id);
    if (typeof record === 'number') throw new Error('expected the record');
    expect(record.createdTime).toBe(created);
    expect(record.fields).toMatchObject({ Name: 'Renamed', Notes: 'changed', 'Last modified by': rig.account.collaborators[0] });
    expect(record.fields.Rating).toBeUndefined();
    const modified = Date.parse(record.fields['Last modified'] as string);
    expect(modified).toBeGreaterThanOrEqual(at);
    expect(modified).toBeLessThanOrEqual(rig.sb.clock.now());
  });

  it('refuses values a field cannot take: computed fields, unknown choices, links to other tables', () => {
    const id = rig.table.records[41]!.id;
    expect(() => mutate().updateRecord({ record: id, cells: { Total: 3 } })).toThrow(/computed/);
    expect(() => mutate().updateRecord({ record: id, cells: { Status: 'Nope' } })).toThrow(/choices/);
    const link = rig.table.fields.find((f) => f.type === 'multipleRecordLinks')!;
    expect(() => mutate().updateRecord({ record: id, cells: { [link.id]: [rig.table.records[0]!.id] } })).toThrow(/linked/);
    expect(() => mutate().updateRecord({ record: 'recNOPENOPENOPENO', cells: {} })).toThrow(/Unknown record/);
  });

  it('keeps both sides of a link in step', () => {
    const link = rig.table.fields.find((f) => f.type === 'multipleRecordLinks')!;
    const other = rig.base.tables.find((t) => t.id === link.options?.linkedTableId)!;
    const inverse = link.options?.inverseLinkFieldId as string;
    const [target] = other.records;
    const { id } = mutate().createRecord({ table: rig.table.id, cells: { [link.id]: [target!.id] } });
    expect(target!.cells[inverse]).toContain(id);
    mutate().updateRecord({ record: id, cells: { [link.id]: [] } });
    expect((target!.cells[inverse] as string[] | undefined) ?? []).not.toContain(id);
  });

  it('deletes to the trash and restores the same id and creation time within 7 days; later, or after a purge, it is gone', async () => {
    const [a, b] = [rig.table.records[50]!, rig.table.records[51]!];
    const aCreated = a.createdTime;
    mutate().deleteRecord({ record: a.id });
    mutate().deleteRecord({ record: b.id });
    expect(await one(a.id)).toBe(404);
    rig.sb.clock.advance(6 * DAY_MS);
    expect(mutate().restoreRecord({ record: a.id })).toEqual({ id: a.id });
    expect(await one(a.id)).toMatchObject({ id: a.id, createdTime: aCreated });
    rig.sb.clock.advance(2 * DAY_MS);
    expect(() => mutate().restoreRecord({ record: b.id })).toThrow(/not in the trash/);
    mutate().purgeRecord({ record: a.id });
    expect(await one(a.id)).toBe(404);
    expect(() => mutate().restoreRecord({ record: a.id })).toThrow(/not in the trash/);
  });
});

describe('Airtable tables, fields and bases change at the provider', () => {
  it('creates, renames and deletes tables and fields, as the base schema then shows', async () => {
    const { id: table } = mutate().createTable({ base: rig.base.id, name: 'Spec projects', description: 'New work' });
    const { id: field } = mutate().createField({ table, name: 'Budget', type: 'currency' });
    mutate().renameTable({ table, name: 'Spec projects 2027' });
    mutate().renameField({ table, field, name: 'Budget (USD)' });
    let created = (await schema()).find((t) => t.id === table)!;
    expect(created).toMatchObject({ name: 'Spec projects 2027', description: 'New work' });
    expect(created.fields.map((f) => [f.name, f.type])).toEqual([
      ['Name', 'singleLineText'],
      ['Budget (USD)', 'currency'],
    ]);
    mutate().deleteField({ table, field });
    created = (await schema()).find((t) => t.id === table)!;
    expect(created.fields).toHaveLength(1);
    expect(() => mutate().deleteField({ table, field: created.primaryFieldId })).toThrow(/primary/);
    mutate().deleteTable({ table });
    expect((await schema()).some((t) => t.id === table)).toBe(false);
    mutate().restoreTable({ table });
    expect((await schema()).some((t) => t.id === table)).toBe(true);
  });

  it('invalidates formulas and rollups whose field is deleted: they answer {error: "#ERROR!"}', async () => {
    const { id: table } = mutate().createTable({ base: rig.base.id, name: 'Scratch' });
    const { id: quantity } = mutate().createField({ table, name: 'Q', type: 'number' });
    const { id: rating } = mutate().createField({ table, name: 'R', type: 'rating' });
    const located = rig.base.tables.find((t) => t.id === table)!;
    located.fields.push({
      id: 'fldFORMULAFORMULA',
      name: 'Per star',
      type: 'formula',
      options: {
        formula: `{${quantity}} / {${rating}}`,
        isValid: true,
        referencedFieldIds: [quantity, rating],
        result: { type: 'number' },
      },
      formula: { kind: 'ratio', dividend: quantity, divisor: rating },
    });
    const { id } = mutate().createRecord({ table, cells: { Q: 6, R: 3 } });
    expect(await one(id, table)).toMatchObject({ fields: { 'Per star': 2 } });
    mutate().deleteField({ table, field: rating });
    expect(await one(id, table)).toMatchObject({ fields: { 'Per star': { error: '#ERROR!' } } });
    expect((await schema()).find((t) => t.id === table)!.fields.find((f) => f.name === 'Per star')!.options!.isValid).toBe(false);
  });

  it('creates, renames, unshares and shares bases and changes the permission level, as GET /v0/meta/bases shows', async () => {
    const bases = async () => airtableBases.parse(await (await rig.get('/v0/meta/bases')).json()).bases;
    const { id } = mutate().createBase({ name: 'Fresh base' });
    expect((await bases()).find((b) => b.id === id)).toEqual({ id, name: 'Fresh base', permissionLevel: 'create' });
    mutate().renameBase({ base: id, name: 'Renamed base' });
    mutate().setPermissionLevel({ base: id, level: 'read' });
    expect((await bases()).find((b) => b.id === id)).toEqual({ id, name: 'Renamed base', permissionLevel: 'read' });
    mutate().unshareBase({ base: id });
    expect((await bases()).some((b) => b.id === id)).toBe(false);
    expect((await rig.get(`/v0/meta/bases/${id}/tables`)).status).toBe(403);
    mutate().shareBase({ base: id });
    expect((await rig.get(`/v0/meta/bases/${id}/tables`)).status).toBe(200);
  });
});

describe('POST /__sandbox/mutations: the same operations over HTTP (the demo)', () => {
  it('applies a list of operations in order and answers what each made or why it failed', async () => {
    const response = await postJson(url(rig.sb.airtable.apiUrl, '/__sandbox/mutations'), [
      { op: 'createRecord', table: rig.table.id, cells: { Name: 'From the demo' } },
      { op: 'deleteRecord', record: 'recNOPENOPENOPENO' },
    ]);
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as { results: Array<{ id?: string; error?: string }> };
    expect(results[0]!.id).toMatch(/^rec/);
    expect(results[1]!.error).toMatch(/Unknown record/);
    const page = airtableRecords.parse(
      await (await rig.get(`/v0/${rig.base.id}/${rig.table.id}`, { filterByFormula: `RECORD_ID() = '${results[0]!.id}'` })).json(),
    );
    expect(page.records[0]!.fields.Name).toBe('From the demo');
  });

  it('refuses a malformed operation with 400, naming it, and applies none of the list', async () => {
    const count = rig.table.records.length;
    const response = await postJson(url(rig.sb.airtable.apiUrl, '/__sandbox/mutations'), [
      { op: 'createRecord', table: rig.table.id },
      { op: 'teleportRecord', record: 'rec1' },
    ]);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid mutation', issues: [{ index: 1 }] });
    expect(rig.table.records.length).toBe(count);
  });

  it('makes the same ids for the same seed: a test run can be repeated', async () => {
    const other = await airtableRig();
    try {
      const a = other.sb.airtable.mutate.createRecord({ table: other.table.id });
      const fresh = await airtableRig();
      try {
        expect(fresh.sb.airtable.mutate.createRecord({ table: fresh.table.id })).toEqual(a);
      } finally {
        await fresh.sb.close();
      }
    } finally {
      await other.sb.close();
    }
  });
});
