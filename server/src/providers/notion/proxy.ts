import type { ProxySpec } from '../proxy-spec.js';
import { connectionLimit } from './limits.js';
import { NOTION_VERSION } from './oauth.js';

/** Notion refuses any call without `Notion-Version` (400 missing_version): the version the data module reads, unless the caller pins its own. */
export const notionProxy: ProxySpec = {
  requiredHeaders: { 'Notion-Version': NOTION_VERSION },
  limits: (_path, connection, endpoints) => [connectionLimit(connection, endpoints)],
};
