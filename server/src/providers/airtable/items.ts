import { z } from 'zod';
import type { LimitRule } from '../calls.js';
import { item, positionOf, type Emitted, type Item, type ItemSource, type Position, type SourceContext } from '../item-source.js';
import { ProviderHttpError } from '../provider-http.js';
import { baseLimit, userLimit as userLimitOf, userMetaLimit } from './limits.js';

/**
 * Airtable data (fact sheet §2.2-2.3): bases from `GET /v0/meta/bases` (1000 per call, `offset`),
 * each followed by its tables from `GET /v0/meta/bases/{id}/tables`. A base is a directory
 * whose children are its table ids; a table's parent path is its base's name, known from the
 * bases list, so no lookup is needed.
 *
 * Bases the token cannot read are not listed: `permissionLevel: "none"` ones (Q3), and any whose
 * tables answer 403 INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND (access withdrawn mid-load) are shown
 * without tables; the load goes on.
 *
 * Speed and limits: the limit is 5 calls/s per base, so the tables of different bases are
 * fetched concurrently, as many bases at once as the page still needs (estimated from the
 * tables per base seen so far). Meta calls without a base count against a per-user key, as the
 * provider does. The 50 calls/s per user documented for personal tokens is applied too: whether
 * it binds OAuth tokens is unconfirmed, and a 429 here costs a 30 s lock-out. Both budgets are
 * configurable (settings.ts).
 *
 * Memory: one bases call is at most 1000 small entries (the provider's page size, not the
 * account's). Each bases call is kept in the run's scratch space, and so are the tables of a base
 * a page ends inside, so the next page does not call again for them.
 */
// --- Endpoints -------------------------------------------------------------------------------

const APP_URL = 'https://airtable.com';
const MAX_CONCURRENT_BASES = 10;

const basesResponse = z.object({
  bases: z.array(z.object({ id: z.string().min(1), name: z.string(), permissionLevel: z.string() })),
  offset: z.string().min(1).optional(),
});
type Base = z.infer<typeof basesResponse>['bases'][number];

const tablesResponse = z.object({
  tables: z.array(z.object({ id: z.string().min(1), name: z.string(), description: z.string().nullish() })),
});
const cachedTables = z.array(z.object({ id: z.string(), name: z.string() }));
type Table = z.infer<typeof cachedTables>[number];

/** [bases offset, base index in that call, table index (-1 = the base item itself)]. */
const positionSchema = z.tuple([z.string().nullable(), z.number().int().min(0), z.number().int().min(-1)]);

// --- Fetch -----------------------------------------------------------------------------------

export const airtableItems: ItemSource = {
  start: [null, 0, -1],
  async read(raw, want, context) {
    const [offset, startBase, startTable] = positionOf(positionSchema, raw);
    const user = context.connection.account.id;
    const userLimit: LimitRule = userLimitOf(user, context.endpoints);
    const page = await basesPage(offset, context, userLimit);
    const afterCall: Position | null = page.offset ? [page.offset, 0, -1] : null;

    const items: Emitted[] = [];
    let baseIndex = startBase;
    let tableIndex = startTable;
    let tablesSeen = 0;
    let basesSeen = 0;
    while (items.length < want && baseIndex < page.bases.length) {
      // Enough bases in parallel to fill the page, judging by the tables per base so far.
      const perBase = basesSeen ? Math.max(1, tablesSeen / basesSeen) : 8;
      const batchSize = Math.max(1, Math.min(MAX_CONCURRENT_BASES, Math.ceil((want - items.length) / (perBase + 1))));
      const batch = page.bases.slice(baseIndex, baseIndex + batchSize);
      const tables = await Promise.all(batch.map((base) => tablesOf(base, context, userLimit)));
      for (const [i, base] of batch.entries()) {
        const baseTables = tables[i] ?? [];
        tablesSeen += baseTables.length;
        basesSeen++;
        const at = (b: number, t: number): Position => (b >= page.bases.length ? (afterCall ?? [offset, b, -1]) : [offset, b, t]);
        for (let t = tableIndex; t < baseTables.length && items.length < want; t++) {
          const next = t + 1 < baseTables.length ? at(baseIndex, t + 1) : at(baseIndex + 1, -1);
          const table = t === -1 ? undefined : baseTables[t];
          items.push({ item: table ? tableItem(base, table) : baseItem(base, baseTables), after: next });
        }
        if (items.length >= want) {
          const last = positionOf(positionSchema, items.at(-1)?.after ?? null);
          // Stopped inside this base: keep its tables for the next page.
          if (last[1] === baseIndex) await context.scratch.set(`tables:${base.id}`, baseTables);
          // Past the last base of the last call: done.
          return { items, next: last[1] >= page.bases.length ? null : last };
        }
        baseIndex++;
        tableIndex = -1;
      }
    }
    return { items, next: baseIndex >= page.bases.length ? afterCall : [offset, baseIndex, tableIndex] };
  },
};

/** Listed with permissionLevel "none": its schema answers 403, so it is left out (Q3). */
const readable = (base: Base) => base.permissionLevel !== 'none';

const forbidden = (error: unknown) =>
  error instanceof ProviderHttpError && error.status === 403 && error.providerCode === 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND';

async function tablesOf(base: Base, context: SourceContext, userLimit: LimitRule): Promise<Table[]> {
  const cached = await context.scratch.get(`tables:${base.id}`, cachedTables);
  if (cached) return cached;
  try {
    const response = await context.client.json(tablesResponse, {
      url: `${context.endpoints.apiUrl}/v0/meta/bases/${encodeURIComponent(base.id)}/tables`,
      limits: [baseLimit(base.id, context.endpoints), userLimit],
    });
    return response.tables.map((t) => ({ id: t.id, name: t.name }));
  } catch (error) {
    // Access to this one base was withdrawn (or never reached its schema): list it without tables.
    if (forbidden(error)) return [];
    throw error;
  }
}

/**
 * One call of the bases list, read once per run: the following GraphQL pages of the same call
 * find it in the scratch space (the per-user budget is only 5 calls/s, shared with whoami).
 */
async function basesPage(offset: string | null, context: SourceContext, userLimit: LimitRule): Promise<z.infer<typeof basesResponse>> {
  const name = `bases:${offset ?? ''}`;
  const cached = await context.scratch.get(name, basesResponse);
  if (cached) return cached;
  const url = new URL(`${context.endpoints.apiUrl}/v0/meta/bases`);
  if (offset) url.searchParams.set('offset', offset);
  const response = await context.client.json(basesResponse, {
    url: url.toString(),
    limits: [userMetaLimit(context.connection.account.id, context.endpoints), userLimit],
  });
  const page = { bases: response.bases.filter(readable), ...(response.offset ? { offset: response.offset } : {}) };
  await context.scratch.set(name, page);
  return page;
}

// --- Map -------------------------------------------------------------------------------------

function baseItem(base: Base, tables: Table[]): Item {
  return item({
    id: base.id,
    type: 'base',
    name: base.name,
    directory: true,
    url: `${APP_URL}/${base.id}`,
    children: tables.map((t) => t.id),
    visibility: true,
  });
}

function tableItem(base: Base, table: Table): Item {
  return item({
    id: table.id,
    type: 'table',
    name: table.name,
    directory: false,
    parentId: base.id,
    parentPathOrName: base.name,
    url: `${APP_URL}/${base.id}/${table.id}`,
    visibility: true,
  });
}
