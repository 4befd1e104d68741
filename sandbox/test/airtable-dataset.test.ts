import { describe, expect, it } from 'vitest';
import { generateAirtable } from '../src/airtable/data.js';
import type { AirtableAccount } from '../src/airtable/index.js';

const readableTables = (account: AirtableAccount) =>
  account.bases.filter((b) => b.granted && b.permissionLevel !== 'none').flatMap((b) => b.tables);

describe('the Airtable dataset', () => {
  const [main] = generateAirtable(42, { bases: 100 });

  it('has a showcase base the user created, of 12 tables: every field type in its first table of 250 records, linked to its second', () => {
    const base = main!.bases[0]!;
    expect(base.permissionLevel).toBe('create');
    expect(base.tables).toHaveLength(12);
    expect(base.tables[0]!.records).toHaveLength(250);
    expect(base.tables[0]!.fields.length).toBeGreaterThanOrEqual(30);
    const link = base.tables[0]!.fields.find((f) => f.type === 'multipleRecordLinks')!;
    expect(link.options?.linkedTableId).toBe(base.tables[1]!.id);
  });

  it('has tables with a last-modified field and (most of them) without', () => {
    const tables = readableTables(main!).slice(1);
    const withField = tables.filter((t) => t.fields.some((f) => f.type === 'lastModifiedTime'));
    expect(withField.length).toBeGreaterThan(0);
    expect(withField.length).toBeLessThan(tables.length / 2);
  });

  it('keeps both sides of every record link in step', () => {
    for (const base of main!.bases)
      for (const table of base.tables)
        for (const field of table.fields.filter((f) => f.type === 'multipleRecordLinks' && f.options?.inverseLinkFieldId)) {
          const target = base.tables.find((t) => t.id === field.options?.linkedTableId)!;
          const inverse = String(field.options?.inverseLinkFieldId);
          for (const record of table.records)
            for (const id of (record.cells[field.id] as string[] | undefined) ?? [])
              expect(target.records.find((r) => r.id === id)!.cells[inverse]).toContain(record.id);
        }
  });

  it('has a base other integrations filled with webhooks (10 of 10)', () => {
    expect(main!.bases[2]!.foreignWebhooks).toBe(10);
  });

  it('spreads an account of 100,000 records over the readable tables, every id once', () => {
    const [big] = generateAirtable(7, { bases: 20, records: 100_000 });
    const tables = readableTables(big!);
    expect(tables.reduce((n, t) => n + t.records.length, 0)).toBe(100_000);
    expect(tables.filter((t) => t.records.length > 0).length).toBe(tables.length);
    const ids = new Set(big!.bases.flatMap((b) => b.tables.flatMap((t) => t.records.map((r) => r.id))));
    expect(ids.size).toBe(big!.bases.reduce((n, b) => n + b.tables.reduce((m, t) => m + t.records.length, 0), 0));
  });
});
