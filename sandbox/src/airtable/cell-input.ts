import type { Prng } from '../shared/prng.js';
import { isEmpty } from './cells.js';
import { airtableId } from './field-types.js';
import { type AirtableField, type AirtableTable, type CellObject, type CellValue, type Collaborator, isComputed } from './model.js';
import { MutationError } from './transaction.js';

/**
 * A value written to a cell, checked and stored as the API would return it (field model reference):
 * computed fields refuse writes, selects take their choices' names, collaborators are named by id or
 * email, attachments by URL (Airtable gives them an `att` id), links by ids of the linked table.
 * Empty values (`null`, `""`, `[]`, `false`) clear the cell.
 */

export interface InputContext {
  prng: Prng;
  collaborators: Collaborator[];
  linkedTable(field: AirtableField): AirtableTable | undefined;
  recordExists(table: AirtableTable, id: string): boolean;
}

const fail = (field: AirtableField, why: string): never => {
  throw new MutationError(`Field "${field.name}" (${field.type}) cannot accept the value: ${why}`);
};
const choiceNames = (field: AirtableField) => ((field.options?.choices ?? []) as Array<{ name: string }>).map((c) => c.name);
const asString = (field: AirtableField, v: unknown) => (typeof v === 'string' ? v : fail(field, 'expected text'));

function collaborator(field: AirtableField, v: unknown, ctx: InputContext): CellObject {
  const ref = (v ?? {}) as { id?: unknown; email?: unknown };
  const found = ctx.collaborators.find((c) => c.id === ref.id || (typeof ref.email === 'string' && c.email === ref.email));
  return found ? { ...found } : fail(field, 'unknown collaborator');
}

function attachment(field: AirtableField, v: unknown, ctx: InputContext): CellObject {
  const a = (v ?? {}) as { id?: unknown; url?: unknown; filename?: unknown };
  if (typeof a.url !== 'string') return fail(field, 'an attachment needs a url');
  const filename = typeof a.filename === 'string' ? a.filename : (a.url.split('/').pop() ?? 'file');
  return {
    id: typeof a.id === 'string' ? a.id : airtableId(ctx.prng, 'att'),
    url: a.url,
    filename,
    size: 0,
    type: 'application/octet-stream',
  };
}

export function cellInput(field: AirtableField, value: unknown, ctx: InputContext): CellValue | undefined {
  if (isComputed(field)) fail(field, 'the field is computed');
  if (value === null || value === undefined || isEmpty(value as CellValue)) return undefined;
  switch (field.type) {
    case 'number':
    case 'currency':
    case 'percent':
    case 'duration':
      return typeof value === 'number' && Number.isFinite(value) ? value : fail(field, 'expected a number');
    case 'rating': {
      const max = Number(field.options?.max ?? 5);
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max
        ? (value as number)
        : fail(field, `expected 1-${max}`);
    }
    case 'checkbox':
      return value === true ? true : fail(field, 'expected true or false');
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(asString(field, value)) ? (value as string) : fail(field, 'expected YYYY-MM-DD');
    case 'dateTime':
      return Number.isNaN(Date.parse(asString(field, value)))
        ? fail(field, 'expected an ISO time')
        : new Date(value as string).toISOString();
    case 'singleSelect':
      return choiceNames(field).includes(asString(field, value)) ? (value as string) : fail(field, 'not one of the choices');
    case 'multipleSelects': {
      const names = Array.isArray(value) ? value.map((v) => asString(field, v)) : fail(field, 'expected a list');
      return names.every((n) => choiceNames(field).includes(n)) ? [...new Set(names)] : fail(field, 'not one of the choices');
    }
    case 'singleCollaborator':
      return collaborator(field, value, ctx);
    case 'multipleCollaborators':
      return Array.isArray(value) ? value.map((v) => collaborator(field, v, ctx)) : fail(field, 'expected a list');
    case 'multipleAttachments':
      return Array.isArray(value) ? value.map((v) => attachment(field, v, ctx)) : fail(field, 'expected a list');
    case 'barcode': {
      const b = value as { text?: unknown; type?: unknown };
      if (typeof b.text !== 'string') return fail(field, 'a barcode needs text');
      return { text: b.text, ...(typeof b.type === 'string' ? { type: b.type } : {}) };
    }
    case 'multipleRecordLinks': {
      const target = ctx.linkedTable(field);
      const ids = Array.isArray(value) ? value.map((v) => asString(field, v)) : fail(field, 'expected record ids');
      if (!target || ids.some((id) => !ctx.recordExists(target, id))) fail(field, 'a linked record does not exist in the linked table');
      return [...new Set(ids)];
    }
    default:
      return asString(field, value);
  }
}
