import { randomUUID } from 'node:crypto';
import type { Router } from '@koa/router';
import { z } from 'zod';
import { readJson } from '../shared/http.js';
import type { NotionDataSource, NotionItem, NotionWorkspace } from './data.js';
import type { Admitted } from './admit.js';
import type { Context } from 'koa';
import { notionError } from './errors.js';
import { DATA_SOURCE_SCHEMA, dataSourceObject, legacyDatabaseObject, pageObject } from './serialize.js';
import type { VersionModel } from './versions.js';

export const NOTION_MAX_PAGE_SIZE = 100;

const searchBody = z.object({
  query: z.string().optional(),
  filter: z.object({ property: z.literal('object'), value: z.string(), in_trash: z.boolean().optional() }).optional(),
  sort: z.object({ timestamp: z.literal('last_edited_time'), direction: z.enum(['ascending', 'descending']) }).optional(),
  start_cursor: z.string().optional(),
  page_size: z.number().int().min(1).max(NOTION_MAX_PAGE_SIZE).optional(),
  in_trash: z.boolean().optional(),
});

/** One search hit: a page, a database (old versions) or one of a database's data sources (2025-09-03+). */
interface Entry {
  id: string;
  object: 'page' | 'database' | 'data_source';
  item: NotionItem;
  source?: NotionDataSource;
}

/** Default order is most recently edited first; ties broken by id so pagination is stable. */
function entries(workspace: NotionWorkspace, model: VersionModel): Entry[] {
  const out: Entry[] = [];
  for (const item of workspace.items) {
    if (item.kind === 'page') out.push({ id: item.id, object: 'page', item });
    else if (!model.dataSources) out.push({ id: item.id, object: 'database', item });
    else for (const source of item.dataSources) out.push({ id: source.id, object: 'data_source', item, source });
  }
  return out.sort((a, b) =>
    a.item.lastEditedTime === b.item.lastEditedTime ? a.id.localeCompare(b.id) : a.item.lastEditedTime < b.item.lastEditedTime ? 1 : -1,
  );
}

/**
 * One query returns at most `resultLimit` results across its pages; past it the last page says
 * `has_more: false` with `request_status: { type: "incomplete", incomplete_reason:
 * "query_result_limit_reached" }` (Q10; @notionhq/client's `SearchResponse.request_status` and its
 * `iterateAllDataSourceRows` doc: "10,000 by default ... has_more becomes false and the response
 * carries request_status.type === 'incomplete'"). Complete answers carry no request_status.
 */
export function notionSearchRoutes(router: Router, admit: (ctx: Context) => Admitted | undefined, resultLimit: number): void {
  const cache = new Map<string, Entry[]>();
  const ordered = (workspace: NotionWorkspace, model: VersionModel) => {
    const key = `${workspace.index}:${model.dataSources}`;
    let list = cache.get(key);
    if (!list) cache.set(key, (list = entries(workspace, model)));
    return list;
  };

  router.post('/v1/search', async function notionSearch(ctx) {
    const ok = admit(ctx);
    if (!ok) return;
    const raw = await readJson(ctx);
    if (!raw.ok) return void notionError(ctx, 400, 'invalid_json', 'Error parsing JSON body.');
    const parsed = searchBody.safeParse(raw.value);
    if (!parsed.success)
      return void notionError(
        ctx,
        400,
        'validation_error',
        `body failed validation: ${parsed.error.issues.map((i) => `body.${i.path.join('.')} ${i.message}`).join('; ')}`,
      );
    const body = parsed.data;
    const objects = ok.model.dataSources ? ['page', 'data_source'] : ['page', 'database'];
    if (body.filter && !objects.includes(body.filter.value)) {
      return void notionError(
        ctx,
        400,
        'validation_error',
        `body failed validation: body.filter.value should be "${objects.join('" or "')}", instead was "${body.filter.value}".`,
      );
    }
    const withTrash = body.in_trash === true || body.filter?.in_trash === true;
    const query = body.query?.trim().toLowerCase() ?? '';
    let list = ordered(ok.workspace, ok.model);
    if (body.sort?.direction === 'ascending') list = [...list].reverse();
    const matches = (e: Entry) =>
      (withTrash || !e.item.inTrash) &&
      (!body.filter || e.object === body.filter.value) &&
      // Data sources match on their database's title, as documented for 2025-09-03.
      (!query || e.item.title.toLowerCase().includes(query));

    let start = 0;
    if (body.start_cursor !== undefined) {
      start = list.findIndex((e) => e.id === body.start_cursor);
      if (start < 0)
        return void notionError(
          ctx,
          400,
          'validation_error',
          'body failed validation: body.start_cursor should be a valid cursor returned by a previous request.',
        );
    }
    const pageSize = body.page_size ?? NOTION_MAX_PAGE_SIZE;
    const results: Entry[] = [];
    let nextCursor: string | null = null;
    let cut = false;
    // Where this page starts in the query's whole result, for the result limit.
    let ordinal = list.slice(0, start).filter(matches).length;
    for (let i = start; i < list.length; i++) {
      const entry = list[i];
      if (!entry || !matches(entry)) continue;
      if (ordinal >= resultLimit) {
        cut = true;
        break;
      }
      if (results.length === pageSize) {
        nextCursor = entry.id;
        break;
      }
      results.push(entry);
      ordinal++;
    }
    const type = ok.model.dataSources ? 'page_or_data_source' : 'page_or_database';
    ctx.body = {
      object: 'list',
      results: results.map((e) => serializeEntry(e, ok.model)),
      next_cursor: nextCursor,
      has_more: nextCursor !== null,
      type,
      [type]: {},
      ...(cut ? { request_status: { type: 'incomplete', incomplete_reason: 'query_result_limit_reached' } } : {}),
      request_id: randomUUID(),
    };
  });
}

/** Partial objects as @notionhq/client types them: a data source keeps its property schema (`PartialDataSourceObjectResponse`). */
export function partialSearchResult(
  object: 'data_source',
  id: string,
): { object: 'data_source'; id: string; properties: typeof DATA_SOURCE_SCHEMA };
export function partialSearchResult<O extends 'page' | 'database'>(object: O, id: string): { object: O; id: string };
export function partialSearchResult(object: Entry['object'], id: string) {
  return object === 'data_source' ? { object, id, properties: DATA_SOURCE_SCHEMA } : { object, id };
}

function serializeEntry(entry: Entry, model: VersionModel) {
  if (entry.item.partialInSearch)
    return entry.object === 'data_source' ? partialSearchResult('data_source', entry.id) : partialSearchResult(entry.object, entry.id);
  if (entry.object === 'page') return pageObject(entry.item, model);
  if (entry.object === 'database' || !entry.source) return legacyDatabaseObject(entry.item, model);
  return dataSourceObject(entry.item, entry.source, model);
}
