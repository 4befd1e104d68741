import { z } from 'zod';
import type { LimitRule } from '../calls.js';
import type { SourceContext } from '../item-source.js';
import { ProviderResponseError } from '../provider-http.js';

/**
 * HubSpot associations as they really come (fact sheet Q4, Q5).
 *
 * A v3 list with `associations=<type>` names each associated id once per association type (a
 * record's primary company as `deal_to_company` and again as `deal_to_company_unlabeled`), and
 * carries at most 100 entries per record, then `associations.<type>.paging.next`. So ids are
 * de-duplicated here, and a record whose list was cut is completed through the v4 API: one
 * `POST /crm/v4/associations/{from}/{to}/batch/read` for every cut record of the page (up to 1000
 * inputs are allowed, a page has at most 100), repeated with `after` for targets past a page.
 * The batch calls count against the same per-account limit as the lists.
 */
const objectId = z.union([z.string().min(1), z.number().int()]).transform(String);
const nextPage = z.object({ next: z.object({ after: z.string().min(1) }).optional() });

export const inlineAssociations = z.object({
  results: z.array(z.object({ id: objectId, type: z.string().optional() })),
  paging: nextPage.optional(),
});
type Inline = z.infer<typeof inlineAssociations>;

/** `toObjectId` is a string in HubSpot's v4 spec and SDK; a number is accepted as well. */
const batchRead = z.object({
  results: z.array(
    z.object({ from: z.object({ id: objectId }), to: z.array(z.object({ toObjectId: objectId })), paging: nextPage.optional() }),
  ),
});

/** 100 rounds of 500 targets: far past HubSpot's per-record association limits; a provider paging forever is cut. */
const MAX_ROUNDS = 100;

const distinct = (ids: readonly string[]) => [...new Set(ids)];

/** The distinct ids of one record's inline associations, in HubSpot's order. */
export function associatedIds(list: Inline | undefined): string[] {
  return distinct(list?.results.map((r) => r.id) ?? []);
}

/** The primary association where the list names one (its type has no `_unlabeled` suffix), else the first. */
export function primaryId(list: Inline | undefined): string | undefined {
  const results = list?.results ?? [];
  return (results.find((r) => r.type !== undefined && !r.type.endsWith('_unlabeled')) ?? results[0])?.id;
}

/** The inline list stopped at HubSpot's cap: more targets are behind `paging.next`. */
export const isCut = (list: Inline | undefined) => Boolean(list?.paging?.next);

/** Every target of each record, through v4 batch read; records the answer leaves out are absent. */
export async function readAllAssociations(
  from: string,
  to: string,
  ids: readonly string[],
  context: SourceContext,
  limits: LimitRule[],
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  let inputs: Array<{ id: string; after?: string }> = ids.map((id) => ({ id }));
  for (let round = 0; inputs.length > 0; round++) {
    if (round >= MAX_ROUNDS)
      throw new ProviderResponseError(`HubSpot kept paging the ${from} -> ${to} associations past ${MAX_ROUNDS} calls`);
    const response = await context.client.json(batchRead, {
      url: `${context.endpoints.apiUrl}/crm/v4/associations/${from}/${to}/batch/read`,
      method: 'POST',
      body: { inputs },
      limits,
    });
    inputs = [];
    for (const result of response.results) {
      const targets = found.get(result.from.id) ?? [];
      targets.push(...result.to.map((t) => t.toObjectId));
      found.set(result.from.id, targets);
      const after = result.paging?.next?.after;
      if (after) inputs.push({ id: result.from.id, after });
    }
  }
  return new Map([...found].map(([id, targets]) => [id, distinct(targets)]));
}
