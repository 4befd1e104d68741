import { expect } from 'vitest';
import { simulatorModule, type Dataset } from '../../sandbox/src/index.js';
import { ENUM, type ProviderName } from './stack.js';
import type { TestServer } from './test-server.js';

/** The IntegrationItem fields as the widget reads them. */
export interface LoadedItem {
  id: string;
  type: string;
  directory: boolean;
  parentId: string | null;
  parentPathOrName: string | null;
  name: string;
  creationTime: string | null;
  lastModifiedTime: string | null;
  url: string | null;
  children: string[] | null;
  visibility: boolean | null;
}

export interface LoadPage {
  edges: Array<{ cursor: string; node: LoadedItem }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  incomplete: boolean;
}

export const LOAD = `query($p: Provider!, $i: IdentityInput, $first: Int, $after: String) {
  load(provider: $p, identity: $i, first: $first, after: $after) {
    edges { cursor node { id type directory parentId parentPathOrName name creationTime lastModifiedTime url children visibility } }
    pageInfo { hasNextPage endCursor }
    incomplete
  }
}`;

interface Identity {
  userId: string;
  orgId: string;
}

/** One `load` call; returns the page or the error code. */
export async function loadPage(server: TestServer, provider: ProviderName, identity: Identity, first?: number, after?: string | null) {
  const { body } = await server.graphql<{ load: LoadPage }>(LOAD, { p: ENUM[provider], i: identity, first, after });
  return { page: body.data?.load ?? null, code: body.errors?.[0]?.extensions?.code ?? null, message: body.errors?.[0]?.message ?? null };
}

/** Pages through everything, the way the widget does; fails the test on any error. */
export async function loadAll(
  server: TestServer,
  provider: ProviderName,
  identity: Identity,
  options: { first?: number; after?: string | null; between?: (pageIndex: number) => Promise<void> | void } = {},
) {
  const items: LoadedItem[] = [];
  let after = options.after ?? null;
  let pages = 0;
  for (;;) {
    const { page, code, message } = await loadPage(server, provider, identity, options.first, after);
    expect(code, message ?? '').toBeNull();
    pages++;
    items.push(...page!.edges.map((e) => e.node));
    if (!page!.pageInfo.hasNextPage) break;
    after = page!.pageInfo.endCursor;
    await options.between?.(pages);
    if (pages > 10_000) throw new Error('load never ended');
  }
  return { items, pages };
}

/** Every id once: duplicates listed, so a failure shows which. */
export function expectExactlyOnce(items: readonly LoadedItem[], expectedIds: readonly string[]) {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.id, (counts.get(item.id) ?? 0) + 1);
  const duplicates = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  expect(duplicates).toEqual([]);
  expect([...counts.keys()].sort()).toEqual([...expectedIds].sort());
}

/** The data endpoints of a provider (a path prefix): faults go there, not on the OAuth endpoints. */
export const dataPath = (provider: ProviderName): string => simulatorModule(provider).fullLoad.dataPath;

/** Every id a full load of the default account (index 0) must return, from the sandbox's dataset. */
export function expectedItemIds(dataset: Dataset, provider: ProviderName): string[] {
  return simulatorModule(provider).fullLoad.itemIds(dataset[provider][0]);
}
