/**
 * Type-level check, run by `npm run typecheck`: what the Notion simulator serializes must be
 * assignable to @notionhq/client's own response types (the official SDK is the oracle for shapes).
 * One documented deviation: the SDK's types keep `archived` required, which the API drops from
 * 2026-03-11 (upgrade guide 2026-03-11, fact sheet 3.2); the sandbox sends it only before that.
 */
import type {
  DataSourceObjectResponse,
  DatabaseObjectResponse,
  OauthTokenResponse,
  PageObjectResponse,
  PartialDataSourceObjectResponse,
  PartialPageObjectResponse,
} from '@notionhq/client';
import { partialSearchResult } from '../../src/notion/search.js';
import { databaseObject, dataSourceObject, pageObject } from '../../src/notion/serialize.js';
import type { NotionDataSource, NotionItem, NotionWorkspace } from '../../src/notion/data.js';
import { tokenResponse } from '../../src/notion/token.js';
import type { Grant } from '../../src/shared/tokens.js';
import { versionModel } from '../../src/notion/versions.js';

type UntilArchivedDropped<T> = Omit<T, 'archived'> & { archived?: boolean };

declare const item: NotionItem;
declare const source: NotionDataSource;
declare const grant: Grant;
declare const workspace: NotionWorkspace;
const current = versionModel('2025-09-03');

export const page: UntilArchivedDropped<PageObjectResponse> = pageObject(item, current);
export const dataSource: UntilArchivedDropped<DataSourceObjectResponse> = dataSourceObject(item, source, current);
export const database: UntilArchivedDropped<DatabaseObjectResponse> = databaseObject(item, current);
export const partial: [PartialPageObjectResponse, PartialDataSourceObjectResponse] = [
  partialSearchResult('page', item.id),
  partialSearchResult('data_source', item.id),
];
export const token: OauthTokenResponse = tokenResponse(grant, workspace, 'ntn_x', 'nrt_x');
