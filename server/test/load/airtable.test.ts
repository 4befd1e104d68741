import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AirtableAccount } from '../../../sandbox/src/index.js';
import { expectExactlyOnce, loadAll, type LoadedItem } from '../../../test/support/load.js';
import { connectThroughSandbox, startStack, type Stack } from '../../../test/support/stack.js';

const identity = () => ({ userId: `user-${randomUUID()}`, orgId: `org-${randomUUID()}` });

describe('load: Airtable bases and their tables (sandbox over real HTTP, real Redis)', () => {
  let stack: Stack;
  let account: AirtableAccount;
  let items: LoadedItem[];
  let byId: Map<string, LoadedItem>;

  beforeAll(async () => {
    // Real Airtable limits on: 5 calls/s per base, a 30 s lock-out on any excess.
    stack = await startStack({ redisUrl: inject('redisUrl'), sandbox: { size: { airtableBases: 8 }, limits: { hubspot: false, notion: false } } });
    account = stack.sandbox.dataset.airtable[0]!;
    const who = identity();
    await connectThroughSandbox(stack, 'airtable', who);
    ({ items } = await loadAll(stack.server, 'airtable', who, { first: 25 }));
    byId = new Map(items.map((i) => [i.id, i]));
  });
  afterAll(() => stack.close());

  it('returns every granted base and every table exactly once, without a single 429', () => {
    const granted = account.bases.filter((b) => b.granted);
    expectExactlyOnce(items, granted.flatMap((b) => [b.id, ...b.tables.map((t) => t.id)]));
    expect(stack.sandbox.stats().airtable.rateLimited).toBe(0);
  });

  it('lists a base with 30 tables as a directory whose children are its tables, each pointing back', () => {
    const big = account.bases.find((b) => b.tables.length === 30)!;
    expect(byId.get(big.id)).toMatchObject({ type: 'base', name: big.name, directory: true, parentId: null, url: `https://airtable.com/${big.id}` });
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

  it('sets visibility from the permission level', () => {
    for (const base of account.bases.filter((b) => b.granted)) expect(byId.get(base.id)!.visibility).toBe(base.permissionLevel !== 'none');
  });

  it('keeps each base right before its tables', () => {
    const order = items.map((i) => i.id);
    for (const base of account.bases.filter((b) => b.granted)) {
      const at = order.indexOf(base.id);
      expect(order.slice(at + 1, at + 1 + base.tables.length)).toEqual(base.tables.map((t) => t.id));
    }
  });
});
