import { z } from 'zod';

/**
 * List-records parameters from the query string (GET) or the JSON body (POST …/listRecords), as the
 * list-records reference [A5] names them. airtable.js sends `fields[]=A`, `sort[0][field]=A`,
 * `sort[0][direction]=desc` on GET (`object_to_query_param_string.js`) and the same keys as JSON on
 * POST, with `timeZone` and `userLocale` kept in the query (`query.js`, `query_params.js`).
 */

export interface ListParams {
  pageSize: number | undefined;
  maxRecords: number | undefined;
  offset: string | undefined;
  view: string | undefined;
  fields: string[];
  filterByFormula: string | undefined;
  sort: Array<{ field: string; direction: 'asc' | 'desc' }>;
  cellFormat: 'json' | 'string';
  timeZone: string | undefined;
  userLocale: string | undefined;
  returnFieldsByFieldId: boolean;
  recordMetadata: string[];
}

const body = z.looseObject({
  pageSize: z.number().int().optional(),
  maxRecords: z.number().int().optional(),
  offset: z.string().optional(),
  view: z.string().optional(),
  fields: z.array(z.string()).optional(),
  filterByFormula: z.string().optional(),
  sort: z.array(z.object({ field: z.string(), direction: z.enum(['asc', 'desc']).optional() })).optional(),
  cellFormat: z.enum(['json', 'string']).optional(),
  returnFieldsByFieldId: z.boolean().optional(),
  recordMetadata: z.array(z.string()).optional(),
});

/** null = parameter validation failed (Airtable's 422 INVALID_REQUEST_UNKNOWN). */
export function paramsFromBody(value: unknown, query: URLSearchParams): ListParams | null {
  const parsed = body.safeParse(value);
  if (!parsed.success) return null;
  const b = parsed.data;
  return {
    pageSize: b.pageSize,
    maxRecords: b.maxRecords,
    offset: b.offset,
    view: b.view,
    fields: b.fields ?? [],
    filterByFormula: b.filterByFormula,
    sort: (b.sort ?? []).map((s) => ({ field: s.field, direction: s.direction ?? 'asc' })),
    cellFormat: b.cellFormat ?? 'json',
    timeZone: query.get('timeZone') ?? undefined,
    userLocale: query.get('userLocale') ?? undefined,
    returnFieldsByFieldId: b.returnFieldsByFieldId ?? false,
    recordMetadata: b.recordMetadata ?? [],
  };
}

const integer = (raw: string | null): number | undefined | null => {
  if (raw === null) return undefined;
  return /^-?\d+$/.test(raw) ? Number(raw) : null;
};

export function paramsFromQuery(query: URLSearchParams): ListParams | null {
  const pageSize = integer(query.get('pageSize'));
  const maxRecords = integer(query.get('maxRecords'));
  const cellFormat = query.get('cellFormat') ?? 'json';
  if (pageSize === null || maxRecords === null || (cellFormat !== 'json' && cellFormat !== 'string')) return null;
  const sort = new Map<number, { field?: string; direction?: string }>();
  for (const [key, value] of query) {
    const m = /^sort\[(\d+)\]\[(field|direction)\]$/.exec(key);
    if (m) sort.set(Number(m[1]), { ...sort.get(Number(m[1])), [m[2]!]: value });
  }
  const sorts = [...sort.entries()].sort(([a], [b]) => a - b).map(([, s]) => s);
  if (sorts.some((s) => !s.field || (s.direction !== undefined && s.direction !== 'asc' && s.direction !== 'desc'))) return null;
  const flag = query.get('returnFieldsByFieldId');
  return {
    pageSize,
    maxRecords,
    offset: query.get('offset') ?? undefined,
    view: query.get('view') ?? undefined,
    fields: [...query.getAll('fields[]'), ...query.getAll('fields')],
    filterByFormula: query.get('filterByFormula') ?? undefined,
    sort: sorts.map((s) => ({ field: s.field!, direction: (s.direction ?? 'asc') as 'asc' | 'desc' })),
    cellFormat,
    timeZone: query.get('timeZone') ?? undefined,
    userLocale: query.get('userLocale') ?? undefined,
    returnFieldsByFieldId: flag === 'true' || flag === '1',
    recordMetadata: [...query.getAll('recordMetadata[]'), ...query.getAll('recordMetadata')],
  };
}
