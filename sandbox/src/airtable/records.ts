import type { Router } from '@koa/router';
import type { Context } from 'koa';
import { readJson } from '../shared/http.js';
import type { Access } from './access.js';
import { asText, cellValue, fieldModifiedAt, isEmpty, type ReadContext, serializeRecord } from './cells.js';
import { airtableError, modelNotFound } from './errors.js';
import { evaluate, FormulaError, type FormulaScope, type FormulaValue, parseFormula } from './formula.js';
import { type ListParams, paramsFromBody, paramsFromQuery } from './list-params.js';
import type { AirtableField, AirtableRecord, AirtableTable } from './model.js';
import type { AirtableState } from './state.js';

export const AIRTABLE_MAX_PAGE_SIZE = 100;

const invalidRequest = (ctx: Context) =>
  airtableError(ctx, 422, 'INVALID_REQUEST_UNKNOWN', 'Invalid request: parameter validation failed. Check your request data.');

const TIME_TYPES = new Set(['date', 'dateTime', 'createdTime', 'lastModifiedTime']);

/** A cell as a formula sees it: times as times, lists and objects as their text. */
function formulaValue(field: AirtableField, value: ReturnType<typeof cellValue>): FormulaValue {
  if (value === undefined || isEmpty(value)) return null;
  if (TIME_TYPES.has(field.type) && typeof value === 'string') return { at: Date.parse(value) };
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return asText(value);
}

const fieldByRef = (table: AirtableTable, ref: string) =>
  table.fields.find((f) => f.name === ref) ?? table.fields.find((f) => f.id === ref);

function scopeOf(read: ReadContext, table: AirtableTable, record: AirtableRecord): FormulaScope {
  return {
    recordId: record.id,
    createdAt: Date.parse(record.createdTime),
    field: (ref) => {
      const field = fieldByRef(table, ref);
      return field ? formulaValue(field, cellValue(read, table, record, field)) : undefined;
    },
    lastModifiedAt: (refs) => {
      const ids = refs.map((ref) => fieldByRef(table, ref)?.id).filter((id): id is string => id !== undefined);
      return ids.length ? Math.max(...ids.map((id) => fieldModifiedAt(record, id))) : record.modifiedAt;
    },
  };
}

function compareCells(a: ReturnType<typeof cellValue>, b: ReturnType<typeof cellValue>): number {
  if (a === undefined || isEmpty(a)) return b === undefined || isEmpty(b) ? 0 : -1;
  if (b === undefined || isEmpty(b)) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return asText(a).localeCompare(asText(b));
}

/** The records a listing returns, in order: filter, sort, maxRecords (fixed at the first page). */
function snapshot(read: ReadContext, table: AirtableTable, params: ListParams, sortFields: AirtableField[]): string[] | FormulaError {
  let records = table.records;
  if (params.filterByFormula) {
    let tree: ReturnType<typeof parseFormula>;
    try {
      tree = parseFormula(params.filterByFormula, (ref) => fieldByRef(table, ref) !== undefined);
    } catch (error) {
      if (error instanceof FormulaError) return error;
      throw error;
    }
    records = records.filter((r) => {
      const v = evaluate(tree, scopeOf(read, table, r));
      return v !== null && v !== false && v !== 0 && v !== '';
    });
  }
  if (sortFields.length) {
    records = [...records].sort((x, y) => {
      for (const [i, field] of sortFields.entries()) {
        const c = compareCells(cellValue(read, table, x, field), cellValue(read, table, y, field));
        if (c !== 0) return params.sort[i]!.direction === 'desc' ? -c : c;
      }
      return 0;
    });
  }
  const ids = records.map((r) => r.id);
  return params.maxRecords === undefined ? ids : ids.slice(0, Math.max(0, params.maxRecords));
}

export function airtableRecordRoutes(router: Router, access: Access, state: AirtableState): void {
  const open = (ctx: Context, baseId: string | undefined, tableRef: string | undefined) => {
    const ok = access.admit(ctx, () => `base:${baseId}`);
    if (!ok) return undefined;
    const base = access.readableBase(ok.account, baseId);
    const table = base?.tables.find((t) => t.id === tableRef || t.name === tableRef);
    if (!base || !table || !access.hasScope(ok.grant, 'data.records:read')) return void modelNotFound(ctx);
    return { account: ok.account, base, table, read: state.readContext(ok.account, base) };
  };

  const listRecords = (ctx: Context, baseId: string | undefined, tableRef: string | undefined, params: ListParams | null) => {
    const opened = open(ctx, baseId, tableRef);
    if (!opened) return;
    const { table, read } = opened;
    if (!params || (params.pageSize !== undefined && params.pageSize < 1)) return void invalidRequest(ctx);
    if (params.cellFormat === 'string' && (!params.timeZone || !params.userLocale)) return void invalidRequest(ctx);
    const refs = [...params.fields, ...params.sort.map((s) => s.field)];
    const unknown = refs.find((ref) => !fieldByRef(table, ref));
    if (unknown !== undefined) return void airtableError(ctx, 422, 'UNKNOWN_FIELD_NAME', `Unknown field name: "${unknown}"`);
    if (params.view !== undefined && !table.views.some((v) => v.id === params.view || v.name === params.view))
      return void airtableError(ctx, 422, 'VIEW_NAME_NOT_FOUND', `Could not find view ${params.view} in table ${table.name}`);
    let start: { ids: string[]; position: number; iterator: Parameters<typeof state.iterators.offsetAt>[0] };
    if (params.offset !== undefined) {
      const resumed = state.iterators.resume(params.offset, table.id);
      if (!resumed.ok)
        return resumed.reason === 'invalid'
          ? void airtableError(ctx, 422, 'INVALID_OFFSET_VALUE', `The value of offset ${params.offset} is invalid`)
          : void airtableError(ctx, 422, 'LIST_RECORDS_ITERATOR_NOT_AVAILABLE');
      start = resumed;
    } else {
      const ids = snapshot(
        read,
        table,
        params,
        params.sort.map((s) => fieldByRef(table, s.field)!),
      );
      if (ids instanceof FormulaError) return void airtableError(ctx, 422, 'INVALID_FILTER_BY_FORMULA', ids.message);
      start = { ids, position: 0, iterator: state.iterators.start(table.id, ids) };
    }
    // Above 100 the sandbox clamps to the documented maximum.
    const size = Math.min(params.pageSize ?? AIRTABLE_MAX_PAGE_SIZE, AIRTABLE_MAX_PAGE_SIZE);
    const pageIds = start.ids.slice(start.position, start.position + size);
    const options = {
      only: params.fields.map((ref) => fieldByRef(table, ref)!),
      byId: params.returnFieldsByFieldId,
      cellFormat: params.cellFormat,
      commentCount: params.recordMetadata.includes('commentCount'),
    };
    const records = pageIds.flatMap((id) => {
      const found = state.record(id);
      return found && found.table === table ? [serializeRecord(read, table, found.record, options)] : [];
    });
    const offset = state.iterators.offsetAt(start.iterator, start.position + size);
    ctx.body = { records, ...(offset ? { offset } : {}) };
  };

  router.get('/v0/:baseId/:table', (ctx) =>
    listRecords(ctx, ctx.params.baseId, ctx.params.table, paramsFromQuery(new URLSearchParams(ctx.querystring))),
  );
  router.post('/v0/:baseId/:table/listRecords', async (ctx) => {
    const raw = await readJson(ctx);
    const query = new URLSearchParams(ctx.querystring);
    listRecords(ctx, ctx.params.baseId, ctx.params.table, raw.ok ? paramsFromBody(raw.value, query) : null);
  });

  /** A deleted or unknown record of a readable table: 404 MODEL_ID_NOT_FOUND (observed: grouparoo's recorded Airtable fixtures). */
  router.get('/v0/:baseId/:table/:recordId', (ctx) => {
    const opened = open(ctx, ctx.params.baseId, ctx.params.table);
    if (!opened) return;
    const found = state.record(ctx.params.recordId ?? '');
    if (!found || found.table !== opened.table) return void airtableError(ctx, 404, 'MODEL_ID_NOT_FOUND', 'Record not found');
    const query = new URLSearchParams(ctx.querystring);
    const cellFormat = query.get('cellFormat') === 'string' ? 'string' : 'json';
    const flag = query.get('returnFieldsByFieldId');
    ctx.body = serializeRecord(opened.read, opened.table, found.record, {
      only: [],
      byId: flag === 'true' || flag === '1',
      cellFormat,
      commentCount: false,
    });
  });
}
