import {
  APIErrorCode,
  APIResponseError,
  Client,
  collectPaginatedAPI,
  isFullDatabase,
  isFullDataSource,
  isFullPage,
  isFullPageOrDataSource,
  isFullUser,
  isHTTPResponseError,
} from '@notionhq/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/index.js';
import type { NotionWorkspace } from '../../src/notion/index.js';
import { notionCode, REDIRECT, startSmallSandbox } from '../helpers.js';

/**
 * The official Notion SDK (@notionhq/client) pointed at the simulator (`baseUrl`), making every
 * call the Notion provider module makes and the OAuth calls around it. The SDK must accept every
 * answer: its type guards, its error classes (APIResponseError codes) and its pagination helper.
 * Shapes are also checked at compile time against its types (notion-types.ts).
 */
const quiet = () => {};
let sb: RunningSandbox;
let workspace: NotionWorkspace;
let oauth: Client;
beforeAll(async () => {
  sb = await startSmallSandbox({ notion: { size: { items: 300 }, limits: false } });
  workspace = sb.dataset.notion[0]!;
  // No retries: a 429 or 5xx must surface here as the SDK classifies it (and no warnings logged for them).
  oauth = new Client({ baseUrl: sb.notion.apiUrl, retry: false, logger: quiet });
});
afterAll(() => sb.close());

const credentials = () => ({ client_id: sb.notion.clientId, client_secret: sb.notion.clientSecret });
const connect = async () =>
  oauth.oauth.token({ ...credentials(), grant_type: 'authorization_code', code: await notionCode(sb), redirect_uri: REDIRECT });
const api = (token: string) =>
  new Client({ auth: token, baseUrl: sb.notion.apiUrl, notionVersion: '2025-09-03', retry: false, logger: quiet });

describe('@notionhq/client against the Notion simulator', () => {
  it('oauth.token exchanges a code (its own raw Basic auth) and refreshes with a rotated pair', async () => {
    const tokens = await connect();
    expect(tokens).toMatchObject({ token_type: 'bearer', workspace_id: workspace.workspaceId, workspace_name: workspace.workspaceName });
    expect(tokens.owner.type).toBe('user');
    const refreshed = await oauth.oauth.token({ ...credentials(), grant_type: 'refresh_token', refresh_token: tokens.refresh_token! });
    expect(refreshed.bot_id).toBe(tokens.bot_id);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    // The old refresh token is dead. `invalid_grant` is not one of the SDK's APIErrorCodes, so it
    // surfaces as an HTTP response error carrying the 400 and the body (docs/sandbox.md).
    const reuse = await oauth.oauth
      .token({ ...credentials(), grant_type: 'refresh_token', refresh_token: tokens.refresh_token! })
      .catch((e: unknown) => e);
    expect(isHTTPResponseError(reuse) && reuse.status).toBe(400);
    expect(isHTTPResponseError(reuse) && JSON.parse(reuse.body)).toMatchObject({ object: 'error', code: 'invalid_grant' });
  });

  it('oauth.introspect and oauth.revoke', async () => {
    const tokens = await connect();
    expect((await oauth.oauth.introspect({ ...credentials(), token: tokens.access_token })).active).toBe(true);
    await oauth.oauth.revoke({ ...credentials(), token: tokens.access_token });
    expect((await oauth.oauth.introspect({ ...credentials(), token: tokens.access_token })).active).toBe(false);
  });

  it('search pages through everything; partial results are exactly the ones its guards call partial', async () => {
    const tokens = await connect();
    const results = await collectPaginatedAPI(api(tokens.access_token).search, { page_size: 100 });
    const full = results.filter(isFullPageOrDataSource);
    const partial = results.filter((r) => !isFullPageOrDataSource(r));
    const live = workspace.items.filter((i) => !i.inTrash);
    const ids = (items: typeof live) => items.flatMap((i) => (i.kind === 'page' ? [i.id] : i.dataSources.map((s) => s.id))).sort();
    expect(partial.map((r) => r.id).sort()).toEqual(ids(live.filter((i) => i.partialInSearch)));
    expect(full.map((r) => r.id).sort()).toEqual(ids(live.filter((i) => !i.partialInSearch)));
    expect(full.some(isFullDataSource)).toBe(true);
    for (const page of full.filter(isFullPage)) expect(Object.values(page.properties).some((p) => p.type === 'title')).toBe(true);
  });

  it('pages.retrieve, databases.retrieve, dataSources.retrieve and users.me', async () => {
    const client = api((await connect()).access_token);
    const page = workspace.items.find((i) => i.kind === 'page' && !i.inTrash)!;
    const db = workspace.items.find((i) => i.kind === 'database' && !i.inTrash)!;
    const retrievedPage = await client.pages.retrieve({ page_id: page.id });
    expect(isFullPage(retrievedPage) && retrievedPage.id).toBe(page.id);
    const retrievedDb = await client.databases.retrieve({ database_id: db.id });
    expect(isFullDatabase(retrievedDb) && retrievedDb.data_sources.map((s) => s.id)).toEqual(db.dataSources.map((s) => s.id));
    const source = await client.dataSources.retrieve({ data_source_id: db.dataSources[0]!.id });
    expect(isFullDataSource(source) && source.parent).toEqual({ type: 'database_id', database_id: db.id });
    const me = await client.users.me({});
    expect(isFullUser(me) && me.type).toBe('bot');
  });

  it("reads the simulator's 401, 404 and 429 as the SDK's error codes", async () => {
    const tokens = await connect();
    const fail = (call: Promise<unknown>) =>
      call.then(
        () => null,
        (e: unknown) => (APIResponseError.isAPIResponseError(e) ? e.code : e),
      );
    expect(await fail(api('ntn_not_a_token').search({}))).toBe(APIErrorCode.Unauthorized);
    expect(await fail(api(tokens.access_token).pages.retrieve({ page_id: sb.dataset.notion[1]!.items[0]!.id }))).toBe(
      APIErrorCode.ObjectNotFound,
    );
    sb.faults.inject({ provider: 'notion', kind: 'rate_limit', policy: 'public_api_request_blocked', count: 1 });
    expect(await fail(api(tokens.access_token).search({}))).toBe(APIErrorCode.RateLimited);
  });
});
