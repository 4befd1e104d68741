import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { AirtableAccount } from '../../../sandbox/src/airtable/index.js';
import { expectExactlyOnce, expectedItemIds, loadAll, type LoadedItem } from '../../../test/support/load.js';
import { connectThroughSandbox, useStack } from '../../../test/support/stack.js';
import { freshIdentity } from '../../../test/support/identity.js';

describe('load: Airtable bases and their tables (sandbox over real HTTP, real Redis)', () => {
  // Real Airtable limits on: 5 calls/s per base, a 30 s lock-out on any excess.
  const stack = useStack({
    redisUrl: inject('redisUrl'),
    sandbox: { airtable: { size: { bases: 8 }, limits: true } },
  });
  let account: AirtableAccount;
  let items: LoadedItem[];
  let byId: Map<string, LoadedItem>;

  beforeAll(async () => {
    account = stack.sandbox.dataset.airtable[0]!;
    const who = freshIdentity();
    await connectThroughSandbox(stack, 'airtable', who);
    ({ items } = await loadAll(stack.server, 'airtable', who, { first: 25 }));
    byId = new Map(items.map((i) => [i.id, i]));
  });

  it('returns every readable base and every table exactly once, without a single 429', () => {
    const readable = account.bases.filter((b) => b.granted && b.permissionLevel !== 'none');
    expectExactlyOnce(
      items,
      readable.flatMap((b) => [b.id, ...b.tables.map((t) => t.id)]),
    );
    expect(stack.sandbox.stats().airtable.rateLimited).toBe(0);
  });

  it('leaves out a base listed with permissionLevel "none", whose schema Airtable refuses (Q3)', () => {
    const none = account.bases.find((b) => b.granted && b.permissionLevel === 'none')!;
    expect(none).toBeDefined();
    expect(byId.has(none.id)).toBe(false);
  });

  it('keeps loading when a base is withdrawn mid-load: that base comes without tables (403 on its schema)', async () => {
    const who = freshIdentity();
    await connectThroughSandbox(stack, 'airtable', who);
    const readable = account.bases.filter((b) => b.granted && b.permissionLevel !== 'none');
    const withdrawn = readable.at(-1)!;
    const expected = expectedItemIds(stack.sandbox.dataset, 'airtable').filter((id) => !withdrawn.tables.some((t) => t.id === id));
    try {
      const { items: loaded } = await loadAll(stack.server, 'airtable', who, {
        first: 10,
        between: (page) => {
          if (page === 1) withdrawn.granted = false;
        },
      });
      expect(loaded.find((i) => i.id === withdrawn.id)).toMatchObject({ type: 'base', directory: true, children: [] });
      expectExactlyOnce(loaded, expected);
    } finally {
      withdrawn.granted = true;
    }
  });

  it('lists a base with 30 tables as a directory whose children are its tables, each pointing back', () => {
    const big = account.bases.find((b) => b.tables.length === 30)!;
    expect(byId.get(big.id)).toMatchObject({
      type: 'base',
      name: big.name,
      directory: true,
      parentId: null,
      url: `https://airtable.com/${big.id}`,
    });
    expect(byId.get(big.id)!.children).toEqual(big.tables.map((t) => t.id));
    for (const table of big.tables) {
      expect(byId.get(table.id)).toMatchObject({
        type: 'table',
        name: table.name,
        directory: false,
        parentId: big.id,
        parentPathOrName: big.name,
        url: `https://airtable.com/${big.id}/${table.id}`,
      });
    }
  });

  it('marks every listed base visible (unreadable ones are not listed)', () => {
    for (const item of items) expect(item.visibility).toBe(true);
  });

  it('keeps each base right before its tables', () => {
    const order = items.map((i) => i.id);
    for (const base of account.bases.filter((b) => b.granted && b.permissionLevel !== 'none')) {
      const at = order.indexOf(base.id);
      expect(order.slice(at + 1, at + 1 + base.tables.length)).toEqual(base.tables.map((t) => t.id));
    }
  });
});
