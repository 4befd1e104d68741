import { z } from 'zod';
import {
  item,
  isoTime,
  positionOf,
  sliceFrom,
  StaleCursorError,
  type Item,
  type ItemSource,
  type Position,
  type SourceContext,
  type Step,
} from '../item-source.js';
import { ProviderResponseError } from '../provider-http.js';
import { NOTION_VERSION } from './oauth.js';
import { connectionLimit } from './limits.js';
import { indexName, place, type Placement } from './paths.js';

/**
 * Notion data (fact sheet §3.2-3.4): every page and database (2022-06-28) or data source
 * (2025-09-03) from `POST /v1/search`, 100 per call, `start_cursor` to the end. Trashed items
 * are left out. Names come from the title-typed property, whatever its key ("title" on pages,
 * the column name such as "Name" on rows), or from the database/data source title. Parent
 * paths: see paths.ts (emit when the ancestors are known, defer the rest to the end).
 *
 * Real search answers also hold partial objects (`{ object, id }` only, Q9): skipped, as the
 * official SDK's examples skip them (`isFullPageOrDataSource`). A search that reaches Notion's
 * result cap ends with `request_status: { type: "incomplete" }` (Q10): the run is reported
 * incomplete instead of passing a cut-off list for the whole workspace.
 */
// --- Endpoints -------------------------------------------------------------------------------

const PAGE_SIZE = 100;

const richText = z.array(z.object({ plain_text: z.string() }));
const parent = z.object({
  type: z.string(),
  page_id: z.string().optional(),
  database_id: z.string().optional(),
  data_source_id: z.string().optional(),
  block_id: z.string().optional(),
});
const common = {
  id: z.string().min(1),
  created_time: z.string().nullish(),
  last_edited_time: z.string().nullish(),
  // `archived` until 2026-03-11, `in_trash` since 2025-09-03 (both in between).
  in_trash: z.boolean().optional(),
  archived: z.boolean().optional(),
  url: z.string().nullish(),
  parent,
};
const pageObject = z.object({
  object: z.literal('page'),
  ...common,
  properties: z.record(z.string(), z.looseObject({ type: z.string(), title: z.unknown().optional() })),
});
const databaseObject = z.object({ object: z.literal('database'), ...common, title: richText });
/** 2025-09-03: `parent` is the database (not itself in search), `database_parent` where the database lives. */
const dataSourceObject = z.object({ object: z.literal('data_source'), ...common, title: richText, database_parent: parent.optional() });
const searchResult = z.discriminatedUnion('object', [pageObject, databaseObject, dataSourceObject]);
const searchResponse = z.object({
  results: z.array(z.looseObject({ object: z.string() })),
  next_cursor: z.string().nullable(),
  has_more: z.boolean(),
  request_status: z.looseObject({ type: z.string() }).optional(),
});

/** What survives between pages for a deferred item: enough to build its IntegrationItem. */
const nodeSchema = z.object({
  id: z.string(),
  kind: z.enum(['page', 'database', 'data_source']),
  title: z.string(),
  parent: z.string().nullable(),
  created: z.string().nullable(),
  edited: z.string().nullable(),
  url: z.string().nullable(),
});
type Node = z.infer<typeof nodeSchema>;

/** ['s', search page, start_cursor, skip] while searching; ['d', chunk, skip, chunks] for deferred items. */
const positionSchema = z.union([
  z.tuple([z.literal('s'), z.number().int().min(0), z.string().nullable(), z.number().int().min(0)]),
  z.tuple([z.literal('d'), z.number().int().min(0), z.number().int().min(0), z.number().int().min(0)]),
]);

// --- Fetch -----------------------------------------------------------------------------------

export function notionItems(version: string = NOTION_VERSION): ItemSource {
  async function search(position: ['s', number, string | null, number], want: number, context: SourceContext): Promise<Step> {
    const [, pageNo, cursor, skip] = position;
    const { client, endpoints, connection, scratch } = context;
    if (pageNo > 0 && !(await scratch.get('run', z.literal(true)))) throw new StaleCursorError('This load has expired; start again.');
    const page = await client.json(searchResponse, {
      url: `${endpoints.apiUrl}/v1/search`,
      method: 'POST',
      body: { page_size: PAGE_SIZE, ...(cursor ? { start_cursor: cursor } : {}) },
      headers: { 'Notion-Version': version },
      limits: [connectionLimit(connection, endpoints)],
    });
    const incomplete = page.request_status?.type === 'incomplete';
    const nodes = page.results.map(toNode).filter((n): n is Node => n !== null);
    await scratch.setMany([['run', true], ...nodes.map((n) => [indexName(n.id), { t: n.title, p: n.parent, g: pageNo }] as const)]);
    const placements = await place(nodes, scratch, pageNo);
    const ready = nodes.filter((n) => placements.get(n.id) !== 'pending');
    const deferred = nodes.filter((n) => placements.get(n.id) === 'pending');
    if (deferred.length) await scratch.set(`deferred:${pageNo}`, deferred);

    const afterPage: Position = page.has_more && page.next_cursor ? ['s', pageNo + 1, page.next_cursor, 0] : ['d', 0, 0, pageNo + 1];
    const slice = sliceFrom(ready, skip, want, (n) => ['s', pageNo, cursor, n], afterPage);
    const workspace = connection.account.name ?? 'Workspace';
    return {
      items: slice.emit((node) => toIntegrationItem(node, placements.get(node.id) as Placement, workspace)),
      next: slice.next,
      incomplete,
    };
  }

  async function deferred(position: ['d', number, number, number], want: number, context: SourceContext): Promise<Step> {
    let [, chunk, skip] = position;
    const chunks = position[3];
    const { scratch, connection } = context;
    if (chunks > 0 && !(await scratch.get('run', z.literal(true)))) throw new StaleCursorError('This load has expired; start again.');
    // Empty chunks cost one store read each and no provider call: skip over them here.
    let nodes: Node[] = [];
    for (; chunk < chunks; chunk++, skip = 0) {
      nodes = (await scratch.get(`deferred:${chunk}`, z.array(nodeSchema))) ?? [];
      if (skip < nodes.length) break;
    }
    if (chunk >= chunks) return { items: [], next: null };
    const afterChunk: Position | null = chunk + 1 < chunks ? ['d', chunk + 1, 0, chunks] : null;
    const current = chunk;
    const slice = sliceFrom(nodes, skip, want, (n) => ['d', current, n, chunks], afterChunk);
    const placements = await place(slice.entries, scratch, null);
    const workspace = connection.account.name ?? 'Workspace';
    return { items: slice.emit((node) => toIntegrationItem(node, placements.get(node.id) as Placement, workspace)), next: slice.next };
  }

  return {
    start: ['s', 0, null, 0],
    async read(raw, want, context) {
      const position = positionOf(positionSchema, raw);
      return position[0] === 's' ? search(position, want, context) : deferred(position, want, context);
    },
  };
}

// --- Map -------------------------------------------------------------------------------------

const plain = (parts: z.infer<typeof richText>) =>
  parts
    .map((p) => p.plain_text)
    .join('')
    .trim();

/** The item id a parent reference points at; null for the workspace and for blocks (see paths.ts). */
function parentId(ref: z.infer<typeof parent> | undefined): string | null {
  if (!ref) return null;
  if (ref.type === 'page_id') return ref.page_id ?? null;
  if (ref.type === 'data_source_id') return ref.data_source_id ?? null;
  if (ref.type === 'database_id') return ref.database_id ?? null;
  return null;
}

function pageTitle(properties: z.infer<typeof pageObject>['properties']): string {
  const titled = Object.values(properties).find((p) => p.type === 'title');
  const parsed = richText.safeParse(titled?.title);
  return parsed.success ? plain(parsed.data) : '';
}

/**
 * A partial object: the SDK's own test (`isFullPage`: `"url" in response`; `isFullDataSource` and
 * `isFullDatabase`: `"title" in response`, notion-sdk-js src/helpers.ts).
 */
function isPartial(raw: { object?: unknown }): boolean {
  if (raw.object === 'page') return !('url' in raw);
  if (raw.object === 'data_source' || raw.object === 'database') return !('title' in raw);
  return false;
}

/** A search result as a node; null for trashed items, partial objects and object types we do not list. */
export function toNode(raw: unknown): Node | null {
  if (raw && typeof raw === 'object' && isPartial(raw)) return null;
  const parsed = searchResult.safeParse(raw);
  if (!parsed.success) {
    const kind = (raw as { object?: unknown }).object;
    if (kind === 'page' || kind === 'database' || kind === 'data_source')
      throw new ProviderResponseError(`Unexpected shape of a Notion ${kind}`, { cause: parsed.error });
    return null;
  }
  const o = parsed.data;
  if (o.in_trash || o.archived) return null;
  const base = { id: o.id, created: isoTime(o.created_time), edited: isoTime(o.last_edited_time), url: o.url ?? null };
  if (o.object === 'page') return { ...base, kind: 'page', title: pageTitle(o.properties) || 'Untitled', parent: parentId(o.parent) };
  if (o.object === 'database') return { ...base, kind: 'database', title: plain(o.title) || 'Untitled', parent: parentId(o.parent) };
  return { ...base, kind: 'data_source', title: plain(o.title) || 'Untitled', parent: parentId(o.database_parent ?? o.parent) };
}

function toIntegrationItem(node: Node, placement: Placement, workspace: string): Item {
  return item({
    id: node.id,
    type: node.kind,
    name: node.title,
    // Pages hold pages and databases hold rows: both are containers in Notion.
    directory: true,
    parentId: placement.parentId,
    parentPathOrName: [workspace, ...placement.ancestors].join(' / '),
    creationTime: node.created,
    lastModifiedTime: node.edited,
    url: node.url,
  });
}
