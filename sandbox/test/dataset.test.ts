import { describe, expect, it } from 'vitest';
import { generateDataset } from '../src/dataset.js';
import { resolveOptions, type SandboxOptions } from '../src/options.js';

const generate = (options: SandboxOptions = {}) => generateDataset(resolveOptions(options));

describe('generated data', () => {
  it('is identical for the same seed and different for another seed', () => {
    const small = { hubspot: { size: { contacts: 500 } }, airtable: { size: { bases: 10 } }, notion: { size: { items: 200 } } };
    expect(JSON.stringify(generate({ seed: 7, ...small }))).toBe(JSON.stringify(generate({ seed: 7, ...small })));
    expect(JSON.stringify(generate({ seed: 8, ...small }))).not.toBe(JSON.stringify(generate({ seed: 7, ...small })));
  });

  const data = generate();

  it('has 10,000 HubSpot contacts with realistic gaps, ~1,000 companies and ~2,000 deals tied to companies', () => {
    const hub = data.hubspot[0];
    expect(hub?.contacts).toHaveLength(10_000);
    expect(hub?.companies).toHaveLength(1_000);
    expect(hub?.deals).toHaveLength(2_000);
    const contacts = hub?.contacts ?? [];
    expect(contacts.some((c) => c.properties.email && !c.properties.firstname && !c.properties.lastname)).toBe(true);
    expect(contacts.some((c) => !c.properties.email && !c.properties.firstname)).toBe(true);
    expect(hub?.companies.some((c) => c.properties.domain && !c.properties.name)).toBe(true);
    const withCompany = hub?.deals.filter((d) => d.associations.companies?.length) ?? [];
    expect(withCompany.length).toBeGreaterThan(1500);
    const company = hub?.companies.find((c) => c.id === withCompany[0]?.associations.companies?.[0]);
    expect(company?.associations.deals).toContain(withCompany[0]?.id);
    const ids = contacts.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of contacts.slice(0, 200)) for (const v of Object.values(c.properties)) expect(typeof v).toBe('string');
  });

  it('gives every account disjoint ids, and small second and third accounts', () => {
    const [a, b, c] = data.hubspot;
    expect(b?.contacts.length).toBeLessThan(100);
    expect(c?.contacts.length).toBeLessThan(10);
    const first = new Set(a?.contacts.map((x) => x.id));
    expect(b?.contacts.some((x) => first.has(x.id))).toBe(false);
    expect(data.airtable).toHaveLength(3);
    expect(data.notion).toHaveLength(3);
  });

  it('has 100 Airtable bases with 1-30 tables (one with exactly 30), each with fields, views and records', () => {
    const bases = data.airtable[0]?.bases.filter((b) => b.granted) ?? [];
    expect(bases).toHaveLength(100);
    for (const base of bases) {
      expect(base.tables.length).toBeGreaterThanOrEqual(1);
      expect(base.tables.length).toBeLessThanOrEqual(30);
      for (const table of base.tables) expect(table.fields[0]?.id).toBe(table.primaryFieldId);
    }
    expect(bases.some((b) => b.tables.length === 30)).toBe(true);
    expect(bases.flatMap((b) => b.tables).filter((t) => t.records.length > 0).length).toBeGreaterThan(500);
    expect(data.airtable[0]?.bases.some((b) => !b.granted)).toBe(true);
  });

  it('has 2,000 Notion items nested up to 6 levels with every kind of parent, rows and trashed items', () => {
    const items = data.notion[0]?.items ?? [];
    expect(items).toHaveLength(2000);
    expect(Math.max(...items.map((i) => i.depth))).toBe(6);
    expect(new Set(items.map((i) => i.parent.type))).toEqual(new Set(['workspace', 'page_id', 'block_id', 'data_source_id']));
    expect(items.filter((i) => i.kind === 'database').length).toBeGreaterThan(50);
    expect(items.some((i) => i.dataSources.length === 2)).toBe(true);
    expect(items.filter((i) => i.inTrash).length).toBeGreaterThan(20);
    // Every parent reference points at an item of this workspace (blocks aside).
    const byId = new Map(items.map((i) => [i.id, i]));
    for (const item of items) {
      if (item.parent.type === 'page_id') expect(byId.get(item.parent.page_id)?.kind).toBe('page');
      if (item.parent.type === 'data_source_id') {
        const source = item.parent.data_source_id;
        expect(byId.get(item.parent.database_id)?.dataSources.some((s) => s.id === source)).toBe(true);
      }
    }
  });
});
