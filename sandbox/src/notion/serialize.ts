import type { NotionDataSource, NotionItem, NotionParent } from './data.js';
import type { VersionModel } from './versions.js';

/**
 * Notion objects as the API sends them. Literal types (`as const`) keep the shapes checkable:
 * sandbox/test/official-sdks/notion-types.ts assigns these to @notionhq/client's response types,
 * so `npm run typecheck` fails if the sandbox drifts from the official SDK.
 */
export function richText(content: string) {
  return {
    type: 'text' as const,
    text: { content, link: null },
    annotations: { bold: false, italic: false, strikethrough: false, underline: false, code: false, color: 'default' as const },
    plain_text: content,
    href: null,
  };
}

const compact = (id: string) => id.replace(/-/g, '');
const slug = (title: string) => title.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
const url = (title: string, id: string) => `https://www.notion.so/${slug(title) ? `${slug(title)}-` : ''}${compact(id)}`;
const userRef = (id: string) => ({ object: 'user' as const, id });

/** Schema of every generated data source: a "Name" title column plus two ordinary ones. */
export const DATA_SOURCE_SCHEMA = {
  Name: { id: 'title', name: 'Name', description: null, type: 'title' as const, title: {} },
  Status: {
    id: 'st%3A1',
    name: 'Status',
    description: null,
    type: 'select' as const,
    select: {
      options: [
        { id: 'opt1', name: 'Todo', color: 'red' as const, description: null },
        { id: 'opt2', name: 'Done', color: 'green' as const, description: null },
      ],
    },
  },
  Done: { id: 'dn%3A2', name: 'Done', description: null, type: 'checkbox' as const, checkbox: {} },
};

/** Parents that hold pages and databases alike: the workspace, a page, a block. */
function containerParentOf(parent: Exclude<NotionParent, { type: 'data_source_id' }>) {
  switch (parent.type) {
    case 'workspace':
      return { type: 'workspace', workspace: true } as const;
    case 'page_id':
      return { type: 'page_id', page_id: parent.page_id } as const;
    case 'block_id':
      return { type: 'block_id', block_id: parent.block_id } as const;
  }
}

function parentOf(parent: NotionParent, model: VersionModel) {
  if (parent.type !== 'data_source_id') return containerParentOf(parent);
  return model.dataSources
    ? ({ type: 'data_source_id', data_source_id: parent.data_source_id, database_id: parent.database_id } as const)
    : ({ type: 'database_id', database_id: parent.database_id } as const);
}

/** Where a database lives (the generator never nests one in a data source). */
function databaseParentOf(parent: NotionParent) {
  if (parent.type === 'data_source_id') throw new Error('A database cannot live inside a data source');
  return containerParentOf(parent);
}

function common(item: NotionItem, model: VersionModel) {
  return {
    id: item.id,
    created_time: item.createdTime,
    last_edited_time: item.lastEditedTime,
    created_by: userRef(item.createdBy),
    last_edited_by: userRef(item.lastEditedBy),
    cover: null,
    icon: item.emoji ? { type: 'emoji' as const, emoji: item.emoji } : null,
    in_trash: item.inTrash,
    ...(model.archivedField ? { archived: item.inTrash } : {}),
  };
}

const rowProperties = <T>(title: T) => ({
  Name: title,
  Status: { id: 'st%3A1', type: 'select' as const, select: null },
  Done: { id: 'dn%3A2', type: 'checkbox' as const, checkbox: false },
});
const standaloneProperties = <T>(title: T) => ({ title });

export function pageObject(item: NotionItem, model: VersionModel) {
  const isRow = item.parent.type === 'data_source_id';
  const title = { id: 'title', type: 'title' as const, title: [richText(item.title)] };
  // Rows are titled by their data source's "Name" column; standalone pages by "title".
  const properties = isRow ? rowProperties(title) : standaloneProperties(title);
  // `is_archived`: required in @notionhq/client 5.x's PageObjectResponse; archiving is not modelled, so false.
  return {
    object: 'page' as const,
    ...common(item, model),
    parent: parentOf(item.parent, model),
    is_archived: false,
    is_locked: false,
    url: url(item.title, item.id),
    public_url: null,
    properties,
  };
}

/** The fields every version's `database` object has. */
function databaseBase(item: NotionItem, model: VersionModel) {
  return {
    object: 'database' as const,
    ...common(item, model),
    title: [richText(item.title)],
    description: [],
    is_inline: item.isInline,
    is_locked: false,
    parent: databaseParentOf(item.parent),
    url: url('', item.id),
    public_url: null,
  };
}

/** Pre-2025-09-03 `database` object (search results and GET /v1/databases): carries the schema. */
export function legacyDatabaseObject(item: NotionItem, model: VersionModel) {
  return { ...databaseBase(item, model), properties: DATA_SOURCE_SCHEMA };
}

/** 2025-09-03+ database container: no schema, a list of its data sources instead. */
export function databaseObject(item: NotionItem, model: VersionModel) {
  return { ...databaseBase(item, model), data_sources: item.dataSources.map((s) => ({ id: s.id, name: s.name })) };
}

export function dataSourceObject(database: NotionItem, source: NotionDataSource, model: VersionModel) {
  return {
    object: 'data_source' as const,
    ...common(database, model),
    id: source.id,
    title: [richText(source.name)],
    description: [],
    parent: { type: 'database_id' as const, database_id: database.id },
    database_parent: databaseParentOf(database.parent),
    is_inline: database.isInline,
    properties: DATA_SOURCE_SCHEMA,
    url: url('', source.id),
    public_url: null,
  };
}
