import { deriveSeed, Prng } from '../shared/prng.js';
import { ADJECTIVES, EMOJIS, FIRST_NAMES, LAST_NAMES, NOUNS } from '../shared/words.js';

/** Where an item lives. Rows point at their database and the data source (2025-09-03 model) holding them. */
export type NotionParent =
  | { type: 'workspace' }
  | { type: 'page_id'; page_id: string }
  | { type: 'block_id'; block_id: string }
  | { type: 'data_source_id'; database_id: string; data_source_id: string };

export interface NotionDataSource {
  id: string;
  name: string;
}

export interface NotionItem {
  kind: 'page' | 'database';
  id: string;
  title: string;
  parent: NotionParent;
  /** 1 = directly in the workspace; never more than MAX_DEPTH. */
  depth: number;
  inTrash: boolean;
  createdTime: string;
  lastEditedTime: string;
  createdBy: string;
  lastEditedBy: string;
  emoji: string | null;
  /** Databases only. */
  isInline: boolean;
  /**
   * Search returns it as a partial object, `{ object, id }` only (`PartialPageObjectResponse`,
   * `PartialDataSourceObjectResponse` in @notionhq/client's search types; Q9). Retrieving it works.
   */
  partialInSearch: boolean;
  dataSources: NotionDataSource[];
}

export interface NotionUser {
  id: string;
  name: string;
  email: string;
}

export interface NotionWorkspace {
  index: number;
  workspaceId: string;
  workspaceName: string;
  workspaceIcon: string | null;
  owner: NotionUser;
  members: NotionUser[];
  items: NotionItem[];
}

export const MAX_DEPTH = 6;
/** Share of items search lists as partial objects (how often real search does is not published). */
const PARTIAL_SHARE = 0.01;
const SMALL_WORKSPACES = [40, 10];
const FROM = Date.UTC(2023, 0, 1);
const TO = Date.UTC(2026, 9, 1);

/** Notion reports times to the minute. */
function minute(prng: Prng, from: number): string {
  const t = from + Math.floor(prng.next() * (TO - from));
  return new Date(t - (t % 60_000)).toISOString();
}

function user(prng: Prng, domain: string): NotionUser {
  const first = prng.pick(FIRST_NAMES);
  const last = prng.pick(LAST_NAMES);
  return { id: prng.uuid(), name: `${first} ${last}`, email: `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') + `@${domain}` };
}

function workspace(seed: number, index: number, count: number): NotionWorkspace {
  const prng = new Prng(deriveSeed(seed, `notion:${index}`));
  const domain = `sandbox-notion-${index + 1}.example`;
  const owner = user(prng, domain);
  const members = [owner, user(prng, domain), user(prng, domain)];
  const items: NotionItem[] = [];
  const containers: NotionItem[] = []; // pages and rows that may hold children
  const databases: NotionItem[] = [];

  const make = (kind: NotionItem['kind'], title: string, parent: NotionParent, depth: number): NotionItem => {
    const createdTime = minute(prng, FROM);
    const author = prng.pick(members).id;
    const item: NotionItem = {
      kind,
      id: prng.uuid(),
      title,
      parent,
      depth,
      inTrash: prng.chance(0.04),
      createdTime,
      lastEditedTime: minute(prng, Date.parse(createdTime)),
      createdBy: author,
      lastEditedBy: prng.chance(0.7) ? author : prng.pick(members).id,
      emoji: prng.chance(0.6) ? prng.pick(EMOJIS) : null,
      isInline: false,
      dataSources: [],
      partialInSearch: prng.chance(PARTIAL_SHARE),
    };
    items.push(item);
    if (kind === 'database') databases.push(item);
    else if (depth < MAX_DEPTH) containers.push(item);
    return item;
  };

  /** A parent for a new page or database: workspace, a page, or a block inside a page. */
  const placement = (): { parent: NotionParent; depth: number; inline: boolean } => {
    const host = containers.length && !prng.chance(0.05) ? prng.pick(containers) : undefined;
    if (!host) return { parent: { type: 'workspace' }, depth: 1, inline: false };
    if (prng.chance(0.15)) return { parent: { type: 'block_id', block_id: prng.uuid() }, depth: host.depth + 1, inline: true };
    return { parent: { type: 'page_id', page_id: host.id }, depth: host.depth + 1, inline: false };
  };

  for (let i = 0; i < count; i++) {
    const roll = prng.next();
    const openDatabases = databases.filter((d) => d.depth < MAX_DEPTH);
    if (i < 3 || containers.length === 0) {
      make('page', `${prng.pick(ADJECTIVES)} ${prng.pick(NOUNS)}`, { type: 'workspace' }, 1);
    } else if (roll < 0.08) {
      const where = placement();
      const db = make('database', `${prng.pick(ADJECTIVES)} ${prng.pick(NOUNS)} DB`, where.parent, where.depth);
      db.isInline = where.inline;
      // Most databases hold one data source; some (2025-09-03 model) hold two.
      db.dataSources.push({ id: prng.uuid(), name: db.title });
      if (prng.chance(0.15)) db.dataSources.push({ id: prng.uuid(), name: `${db.title} (archive)` });
    } else if (roll < 0.5 && openDatabases.length) {
      const db = prng.pick(openDatabases);
      const source = prng.pick(db.dataSources);
      make(
        'page',
        `${prng.pick(FIRST_NAMES)}'s ${prng.pick(NOUNS).toLowerCase()}`,
        { type: 'data_source_id', database_id: db.id, data_source_id: source.id },
        db.depth + 1,
      );
    } else {
      const where = placement();
      make('page', `${prng.pick(NOUNS)} ${prng.int(1, 99)}`, where.parent, where.depth);
    }
  }
  return {
    index,
    workspaceId: prng.uuid(),
    workspaceName: `${owner.name.split(' ')[0]}'s Sandbox Workspace ${index + 1}`,
    workspaceIcon: index === 0 ? '🧪' : null,
    owner,
    members,
    items,
  };
}

export function generateNotion(seed: number, defaultItems: number): NotionWorkspace[] {
  return [defaultItems, ...SMALL_WORKSPACES].map((count, index) => workspace(seed, index, count));
}
