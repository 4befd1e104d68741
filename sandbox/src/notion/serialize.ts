import type { NotionDataSource, NotionItem, NotionParent } from './data.js';
import type { VersionModel } from './versions.js';

export function richText(content: string) {
  return {
    type: 'text',
    text: { content, link: null },
    annotations: { bold: false, italic: false, strikethrough: false, underline: false, code: false, color: 'default' },
    plain_text: content,
    href: null,
  };
}

const compact = (id: string) => id.replace(/-/g, '');
const slug = (title: string) => title.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
const url = (title: string, id: string) => `https://www.notion.so/${slug(title) ? `${slug(title)}-` : ''}${compact(id)}`;
const userRef = (id: string) => ({ object: 'user', id });

/** Schema of every generated data source: a "Name" title column plus two ordinary ones. */
export const DATA_SOURCE_SCHEMA = {
  Name: { id: 'title', name: 'Name', type: 'title', title: {} },
  Status: { id: 'st%3A1', name: 'Status', type: 'select', select: { options: [{ id: 'opt1', name: 'Todo', color: 'red' }, { id: 'opt2', name: 'Done', color: 'green' }] } },
  Done: { id: 'dn%3A2', name: 'Done', type: 'checkbox', checkbox: {} },
};

function parentOf(parent: NotionParent, model: VersionModel) {
  switch (parent.type) {
    case 'workspace':
      return { type: 'workspace', workspace: true };
    case 'page_id':
      return { type: 'page_id', page_id: parent.page_id };
    case 'block_id':
      return { type: 'block_id', block_id: parent.block_id };
    case 'data_source_id':
      return model.dataSources
        ? { type: 'data_source_id', data_source_id: parent.data_source_id, database_id: parent.database_id }
        : { type: 'database_id', database_id: parent.database_id };
  }
}

function common(item: NotionItem, model: VersionModel) {
  return {
    id: item.id,
    created_time: item.createdTime,
    last_edited_time: item.lastEditedTime,
    created_by: userRef(item.createdBy),
    last_edited_by: userRef(item.lastEditedBy),
    cover: null,
    icon: item.emoji ? { type: 'emoji', emoji: item.emoji } : null,
    in_trash: item.inTrash,
    ...(model.archivedField ? { archived: item.inTrash } : {}),
  };
}

export function pageObject(item: NotionItem, model: VersionModel) {
  const isRow = item.parent.type === 'data_source_id';
  const title = { id: 'title', type: 'title', title: [richText(item.title)] };
  // Rows are titled by their data source's "Name" column; standalone pages by "title".
  const properties = isRow
    ? { Name: title, Status: { id: 'st%3A1', type: 'select', select: null }, Done: { id: 'dn%3A2', type: 'checkbox', checkbox: false } }
    : { title };
  return { object: 'page', ...common(item, model), parent: parentOf(item.parent, model), is_locked: false, url: url(item.title, item.id), public_url: null, properties };
}

/** The fields every version's `database` object has. */
function databaseBase(item: NotionItem, model: VersionModel) {
  return {
    object: 'database',
    ...common(item, model),
    title: [richText(item.title)],
    description: [],
    is_inline: item.isInline,
    is_locked: false,
    parent: parentOf(item.parent, model),
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
    object: 'data_source',
    ...common(database, model),
    id: source.id,
    title: [richText(source.name)],
    description: [],
    parent: { type: 'database_id', database_id: database.id },
    database_parent: parentOf(database.parent, model),
    is_inline: database.isInline,
    properties: DATA_SOURCE_SCHEMA,
    url: url('', source.id),
    public_url: null,
  };
}
