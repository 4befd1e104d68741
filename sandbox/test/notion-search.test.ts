import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import type { NotionWorkspace } from '../src/notion/index.js';
import {
  notionDataSource,
  notionError,
  notionLegacyDatabase,
  notionPage,
  notionPartial,
  notionSearchResponse,
} from './contracts/notion.js';
import { connectNotion, get, NOTION_V2022, NOTION_V2025, postJson, startSmallSandbox, type Tokens, url } from './helpers.js';

let sb: RunningSandbox;
let tokens: Tokens;
beforeAll(async () => {
  sb = await startSmallSandbox({ notion: { size: { items: 2000 }, limits: false } });
  tokens = await connectNotion(sb);
});
afterAll(() => sb.close());

const search = (body: unknown, version: Record<string, string> = NOTION_V2025, token = tokens.access_token) =>
  postJson(url(sb.notion.apiUrl, '/v1/search'), body, { authorization: `Bearer ${token}`, ...version });

async function searchAll(body: Record<string, unknown>, version = NOTION_V2025) {
  const results: Array<{ id: string; object: string }> = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = notionSearchResponse.parse(await (await search({ ...body, ...(cursor ? { start_cursor: cursor } : {}) }, version)).json());
    expect(res.results.length).toBeLessThanOrEqual((body.page_size as number | undefined) ?? 100);
    results.push(...res.results);
    cursor = res.next_cursor;
    expect(res.has_more).toBe(cursor !== null);
    pages++;
  } while (cursor);
  return { results, pages };
}

const ws = (): NotionWorkspace => sb.dataset.notion[0]!;
const live = () => ws().items.filter((i) => !i.inTrash);
/** Search results that are full objects (partial ones carry only object and id, Q9). */
const full = <T>(results: T[]) => results.filter((r) => !notionPartial.safeParse(r).success);

describe('Notion POST /v1/search, Notion-Version 2025-09-03', () => {
  it('pages through every page and data source exactly once, trashed items excluded', async () => {
    const { results, pages } = await searchAll({});
    const ids = results.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const expected = live().flatMap((i) => (i.kind === 'page' ? [i.id] : i.dataSources.map((s) => s.id)));
    expect([...ids].sort()).toEqual([...expected].sort());
    expect(pages).toBe(Math.ceil(expected.length / 100));
  });

  it('returns data_source objects with a database parent and database_parent; rows have data_source_id parents', async () => {
    const body = notionSearchResponse.parse(await (await search({ filter: { property: 'object', value: 'data_source' } })).json());
    expect(body.type).toBe('page_or_data_source');
    const source = notionDataSource.parse(full(body.results)[0]);
    const db = ws().items.find((i) => i.dataSources.some((s) => s.id === source.id));
    expect(source.parent).toEqual({ type: 'database_id', database_id: db?.id });
    const rows = full((await searchAll({ filter: { property: 'object', value: 'page' } })).results).map((r) => notionPage.parse(r));
    const row = rows.find((p) => p.parent.type === 'data_source_id');
    expect(row?.properties.Name).toMatchObject({ id: 'title', type: 'title' });
    const kinds = new Set(rows.map((p) => p.parent.type));
    expect([...kinds].sort()).toEqual(['block_id', 'data_source_id', 'page_id', 'workspace']);
    const standalone = rows.find((p) => p.parent.type !== 'data_source_id');
    expect(standalone?.properties.title).toMatchObject({ type: 'title' });
  });

  it('sorts by last_edited_time, newest first by default and oldest first when asked', async () => {
    const times = (body: unknown) =>
      full(notionSearchResponse.parse(body).results).map((r) => ('last_edited_time' in r ? r.last_edited_time : ''));
    const desc = times(await (await search({ page_size: 50 })).json());
    expect(desc).toEqual([...desc].sort().reverse());
    const asc = times(await (await search({ page_size: 50, sort: { timestamp: 'last_edited_time', direction: 'ascending' } })).json());
    expect(asc).toEqual([...asc].sort());
  });

  it('matches query against titles and includes trashed items only when asked', async () => {
    const title = live().find((i) => i.kind === 'page')?.title ?? '';
    const hits = notionSearchResponse.parse(await (await search({ query: title })).json());
    expect(hits.results.length).toBeGreaterThan(0);
    const trashed = ws().items.filter((i) => i.inTrash && i.kind === 'page');
    const withTrash = await searchAll({ filter: { property: 'object', value: 'page', in_trash: true } });
    const trashedSeen = full(withTrash.results.filter((r) => trashed.some((t) => t.id === r.id)));
    expect(trashedSeen).toHaveLength(trashed.filter((t) => !t.partialInSearch).length);
    expect(trashedSeen.every((r) => notionPage.parse(r).in_trash)).toBe(true);
  });

  it.each([
    ['page_size above 100', { page_size: 101 }],
    ['the old "database" filter value', { filter: { property: 'object', value: 'database' } }],
    ['an unknown start_cursor', { start_cursor: '00000000-0000-4000-8000-000000000000' }],
  ])('answers 400 validation_error for %s', async (_name, body) => {
    const res = await search(body);
    expect(res.status).toBe(400);
    expect(notionError.parse(await res.json()).code).toBe('validation_error');
  });

  it('answers 404 object_not_found for pages it cannot see, and serves ones it can (dashless ids too)', async () => {
    const page = live().find((i) => i.kind === 'page');
    const ok = await get(url(sb.notion.apiUrl, `/v1/pages/${page?.id.replace(/-/g, '')}`), tokens.access_token, NOTION_V2025);
    expect(notionPage.parse(await ok.json()).id).toBe(page?.id);
    const otherWorkspacePage = sb.dataset.notion[1]?.items[0]?.id;
    const res = await get(url(sb.notion.apiUrl, `/v1/pages/${otherWorkspacePage}`), tokens.access_token, NOTION_V2025);
    expect(res.status).toBe(404);
    expect(notionError.parse(await res.json()).code).toBe('object_not_found');
  });
});

describe('Notion search quirks of real accounts', () => {
  it('returns some results as partial objects (the id, for a data source also its schema), which retrieve in full (Q9)', async () => {
    const { results } = await searchAll({});
    const partial = results.filter((r) => notionPartial.safeParse(r).success);
    const expected = live()
      .filter((i) => i.partialInSearch)
      .flatMap((i) => (i.kind === 'page' ? [i.id] : i.dataSources.map((s) => s.id)));
    expect(partial.map((r) => r.id).sort()).toEqual(expected.sort());
    expect(partial.length).toBeGreaterThan(0);
    const page = live().find((i) => i.partialInSearch && i.kind === 'page')!;
    expect(
      notionPage.parse(await (await get(url(sb.notion.apiUrl, `/v1/pages/${page.id}`), tokens.access_token, NOTION_V2025)).json()).id,
    ).toBe(page.id);
  });

  it('cuts a query off at its result limit: has_more false and request_status incomplete on the last page (Q10)', async () => {
    const capped = await startSmallSandbox({ notion: { size: { items: 300 }, limits: false, searchResultLimit: 150 } });
    try {
      const t = await connectNotion(capped);
      const call = async (body: Record<string, unknown>) =>
        notionSearchResponse.parse(
          await (
            await postJson(url(capped.notion.apiUrl, '/v1/search'), body, { authorization: `Bearer ${t.access_token}`, ...NOTION_V2025 })
          ).json(),
        );
      const first = await call({});
      expect(first).toMatchObject({ has_more: true });
      expect(first.request_status).toBeUndefined();
      const second = await call({ start_cursor: first.next_cursor });
      expect(second.results).toHaveLength(50);
      expect(second).toMatchObject({
        has_more: false,
        next_cursor: null,
        request_status: { type: 'incomplete', incomplete_reason: 'query_result_limit_reached' },
      });
    } finally {
      await capped.close();
    }
  });
});

describe('Notion POST /v1/search, older and newer versions', () => {
  it('2022-06-28 returns database objects and database_id parents (page_or_database)', async () => {
    const { results } = await searchAll({}, NOTION_V2022);
    const expected = live().map((i) => i.id);
    expect(results.map((r) => r.id).sort()).toEqual([...expected].sort());
    const db = notionLegacyDatabase.parse(full(results).find((r) => r.object === 'database'));
    expect(db.properties.Name?.type).toBe('title');
    const row = results.map((r) => notionPage.safeParse(r)).find((p) => p.success && p.data.parent.type === 'database_id');
    expect(row?.success).toBe(true);
    const first = notionSearchResponse.parse(await (await search({ page_size: 1 }, NOTION_V2022)).json());
    expect(first.type).toBe('page_or_database');
    expect(first.page_or_database).toEqual({});
  });

  it('2026-03-11 drops the deprecated archived flag but keeps in_trash', async () => {
    const body = notionSearchResponse.parse(await (await search({ page_size: 5 }, { 'notion-version': '2026-03-11' })).json());
    for (const r of body.results) {
      expect(r).not.toHaveProperty('archived');
      expect(r).toHaveProperty('in_trash');
    }
  });

  it('answers 400 validation_error for an unknown Notion-Version', async () => {
    const res = await search({}, { 'notion-version': '2099-01-01' });
    expect(notionError.parse(await res.json()).code).toBe('validation_error');
  });
});

describe('Notion rate limit: 180 requests per minute per connection', () => {
  it('answers 429 rate_limited with Retry-After and additional_data once the budget is spent', async () => {
    const limited = await startSmallSandbox({ notion: { limits: { perMinute: 3, windowMs: 2000 } } });
    try {
      const t = await connectNotion(limited);
      const me = (token: string) => get(url(limited.notion.apiUrl, '/v1/users/me'), token, NOTION_V2025);
      for (let i = 0; i < 3; i++) expect((await me(t.access_token)).status).toBe(200);
      const res = await me(t.access_token);
      expect(res.status).toBe(429);
      const retryAfter = Number(res.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(2);
      const body = notionError.parse(await res.json());
      expect(body).toMatchObject({
        status: 429,
        code: 'rate_limited',
        additional_data: { rate_limit_reason: 'public_api_request_rate_limit', retry_after: String(retryAfter) },
      });
      // Another connection has its own budget.
      expect((await me((await connectNotion(limited)).access_token)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('defaults to the published 180 per minute', async () => {
    const real = await startSmallSandbox({ notion: { size: { items: 10 } } });
    try {
      const t = await connectNotion(real);
      const statuses: number[] = [];
      for (let i = 0; i < 181; i++)
        statuses.push((await get(url(real.notion.apiUrl, '/v1/users/me'), t.access_token, NOTION_V2025)).status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(180);
      expect(statuses[180]).toBe(429);
    } finally {
      await real.close();
    }
  });
});
