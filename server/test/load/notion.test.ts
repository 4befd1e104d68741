import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { NotionItem, NotionWorkspace } from '../../../sandbox/src/notion/index.js';
import { LoadService } from '../../src/load/load-service.js';
import { notionItems } from '../../src/providers/notion/items.js';
import { expectExactlyOnce, loadAll, loadPage, type LoadedItem } from '../../../test/support/load.js';
import { connectThroughSandbox, useStack } from '../../../test/support/stack.js';
import { freshIdentity } from '../../../test/support/identity.js';

/**
 * Where the dataset says an item belongs, by the rules the loader documents: the chain of loaded
 * ancestors up to the workspace, cut at the first one not loaded (trashed, a block, or one search
 * lists only as a partial object).
 * `dataSources`: 2025-09-03 lists a database's data sources, 2022-06-28 the database itself.
 */
function expectedPlacement(workspace: NotionWorkspace, item: NotionItem, dataSources: boolean) {
  const byId = new Map(workspace.items.map((i) => [i.id, i]));
  const titles: string[] = [];
  let parentId: string | null = null;
  let parent = item.parent;
  for (let depth = 0; ; depth++) {
    let next: { id: string; title: string; holder: NotionItem } | undefined;
    if (parent.type === 'page_id') {
      const p = byId.get(parent.page_id);
      if (p) next = { id: p.id, title: p.title, holder: p };
    } else if (parent.type === 'data_source_id') {
      const db = byId.get(parent.database_id);
      const source = db?.dataSources.find((s) => s.id === (parent as { data_source_id: string }).data_source_id);
      if (db && source) next = dataSources ? { id: source.id, title: source.name, holder: db } : { id: db.id, title: db.title, holder: db };
    }
    if (!next || next.holder.inTrash || next.holder.partialInSearch) break;
    if (depth === 0) parentId = next.id;
    titles.unshift(next.title);
    parent = next.holder.parent;
  }
  return { parentId, parentPathOrName: [workspace.workspaceName, ...titles].join(' / ') };
}

const expectedIds = (workspace: NotionWorkspace, dataSources: boolean) =>
  workspace.items
    .filter((i) => !i.inTrash && !i.partialInSearch)
    .flatMap((i) => (i.kind === 'database' && dataSources ? i.dataSources.map((s) => s.id) : [i.id]));

describe('load: Notion pages and data sources (sandbox over real HTTP, real Redis)', () => {
  // The real Notion limit on (180/min per connection): the loader must stay under it.
  const stack = useStack({
    redisUrl: inject('redisUrl'),
    sandbox: { notion: { size: { items: 450 }, limits: true } },
  });
  let workspace: NotionWorkspace;
  let who: { userId: string; orgId: string };
  let items: LoadedItem[];
  let byId: Map<string, LoadedItem>;

  beforeAll(async () => {
    workspace = stack.sandbox.dataset.notion[0]!;
    who = freshIdentity();
    await connectThroughSandbox(stack, 'notion', who);
    ({ items } = await loadAll(stack.server, 'notion', who, { first: 60 }));
    byId = new Map(items.map((i) => [i.id, i]));
  });

  it('returns every page and data source exactly once and leaves trashed items out', () => {
    expectExactlyOnce(items, expectedIds(workspace, true));
    const trashed = workspace.items.filter((i) => i.inTrash);
    expect(trashed.length).toBeGreaterThan(0);
    for (const t of trashed) expect(byId.has(t.id)).toBe(false);
    expect(stack.sandbox.stats().notion.rateLimited).toBe(0);
  });

  it('skips results search returns as partial objects ({ object, id }) instead of failing the load (Q9)', () => {
    const partial = workspace.items.filter((i) => i.partialInSearch && !i.inTrash);
    expect(partial.length).toBeGreaterThan(0);
    for (const p of partial) expect(byId.has(p.id)).toBe(false);
  });

  it('resolves every parent to a readable path from the loaded set', () => {
    for (const source of workspace.items) {
      if (source.inTrash || source.partialInSearch || source.kind === 'database') continue;
      expect({ id: source.id, ...pick(byId.get(source.id)!) }).toEqual({ id: source.id, ...expectedPlacement(workspace, source, true) });
    }
    const deep = items.filter((i) => (i.parentPathOrName ?? '').split(' / ').length >= 3);
    expect(deep.length).toBeGreaterThan(0);
    for (const i of items) if (i.parentId !== null) expect(byId.has(i.parentId)).toBe(true);
  });

  it('titles data-source rows by their "Name" column and puts them under the data source', () => {
    const usable = (i: NotionItem | undefined) => i !== undefined && !i.inTrash && !i.partialInSearch;
    const row = workspace.items.find(
      (i) =>
        i.parent.type === 'data_source_id' &&
        usable(i) &&
        usable(workspace.items.find((d) => d.id === (i.parent as { database_id: string }).database_id)),
    )!;
    const parent = row.parent as { data_source_id: string };
    expect(byId.get(row.id)).toMatchObject({ name: row.title, type: 'page', parentId: parent.data_source_id });
    expect(byId.get(parent.data_source_id)).toMatchObject({ type: 'data_source', directory: true });
  });

  it('puts block-parented and workspace-level items at the workspace root', () => {
    const inBlock = workspace.items.find((i) => i.parent.type === 'block_id' && !i.inTrash && !i.partialInSearch && i.kind === 'page')!;
    const top = workspace.items.find((i) => i.parent.type === 'workspace' && !i.inTrash && !i.partialInSearch)!;
    expect(byId.get(inBlock.id)).toMatchObject({ parentId: null, parentPathOrName: workspace.workspaceName });
    expect(byId.get(top.id)).toMatchObject({ parentId: null, parentPathOrName: workspace.workspaceName, name: top.title });
  });

  it('carries url and times from the object', () => {
    const page = workspace.items.find((i) => !i.inTrash && !i.partialInSearch && i.kind === 'page')!;
    const loaded = byId.get(page.id)!;
    expect(loaded.url).toMatch(new RegExp(`${page.id.replace(/-/g, '')}$`));
    expect(loaded).toMatchObject({ creationTime: page.createdTime, lastModifiedTime: page.lastEditedTime });
  });

  it('parses Notion-Version 2022-06-28 too: databases instead of data sources', async () => {
    const { config, stores, limits, connections } = stack.server.services;
    const loader = new LoadService({ config, stores, limits, connections, fetch, sources: { notion: notionItems('2022-06-28') } });
    const legacy: LoadedItem[] = [];
    let after: string | null = null;
    do {
      const page = await loader.load({ identity: who, provider: 'notion', first: 200, after });
      legacy.push(...(page.edges.map((e) => e.node) as LoadedItem[]));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expectExactlyOnce(legacy, expectedIds(workspace, false));
    const legacyById = new Map(legacy.map((i) => [i.id, i]));
    for (const source of workspace.items.filter((i) => !i.inTrash && !i.partialInSearch)) {
      expect({ id: source.id, ...pick(legacyById.get(source.id)!) }).toEqual({
        id: source.id,
        ...expectedPlacement(workspace, source, false),
      });
    }
    expect(legacy.find((i) => i.type === 'database')).toBeDefined();
  });
});

const pick = (i: LoadedItem) => ({ parentId: i.parentId, parentPathOrName: i.parentPathOrName });

describe('load: a Notion search cut off at its result limit (Q10)', () => {
  const stack = useStack({ redisUrl: inject('redisUrl'), sandbox: { notion: { size: { items: 400 }, searchResultLimit: 250 } } });

  it('says incomplete from the page where Notion reported it, on every later page, and only in that run', async () => {
    const who = freshIdentity();
    await connectThroughSandbox(stack, 'notion', who);
    const flags: boolean[] = [];
    let after: string | null = null;
    const ids: string[] = [];
    do {
      const { page, code } = await loadPage(stack.server, 'notion', who, 20, after);
      expect(code).toBeNull();
      flags.push(page!.incomplete);
      ids.push(...page!.edges.map((e) => e.node.id));
      after = page!.pageInfo.hasNextPage ? page!.pageInfo.endCursor : null;
    } while (after);
    // 250 results in 100-result searches: the third search (results 201-250) says incomplete.
    const firstIncomplete = flags.indexOf(true);
    expect(firstIncomplete).toBeGreaterThan(0);
    expect(flags.slice(0, firstIncomplete).every((f) => !f)).toBe(true);
    expect(flags.slice(firstIncomplete).every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeLessThanOrEqual(250);
    // A fresh run starts complete again until Notion says otherwise.
    expect((await loadPage(stack.server, 'notion', who, 10)).page!.incomplete).toBe(false);
  });
});
