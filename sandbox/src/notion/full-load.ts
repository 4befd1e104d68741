import type { FullLoad } from '../module.js';
import type { NotionWorkspace } from './data.js';

/**
 * A complete load of a Notion workspace: what search finds, outside the trash. Databases are not
 * items: their data sources are (2025-09-03); partial results are not items either (Q9).
 */
export const notionFullLoad: FullLoad<NotionWorkspace> = {
  dataPath: '/v1/search',
  itemIds: (workspace) =>
    workspace.items
      .filter((i) => !i.inTrash && !i.partialInSearch)
      .flatMap((i) => (i.kind === 'database' ? i.dataSources.map((s) => s.id) : [i.id])),
  ceiling(workspace) {
    const entries = workspace.items.filter((i) => !i.inTrash).reduce((n, i) => n + (i.kind === 'database' ? i.dataSources.length : 1), 0);
    // Search pages of 100; 180 per minute, steadily 3/s.
    return { calls: Math.ceil(entries / 100), perSecond: 3 };
  },
};
