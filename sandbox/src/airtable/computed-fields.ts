import type { Prng } from '../shared/prng.js';
import { airtableId, DATE_TIME_RESULT } from './field-types.js';
import type { AirtableField, FormulaKind } from './model.js';

/**
 * Schemas of the fields Airtable computes, shaped like pyairtable's schema fixtures
 * (`tests/sample_data/field_schema/{Formula,Rollup,MultipleLookupValues,Count,CreatedTime,
 * LastModifiedTime,...}FieldSchema.json`): formulas name the fields they use by id in braces.
 */

const field = (prng: Prng, name: string, type: string, options?: Record<string, unknown>): AirtableField => ({
  id: airtableId(prng, 'fld'),
  name,
  type,
  ...(options ? { options } : {}),
});

export const createdTimeField = (prng: Prng, name = 'Created') => field(prng, name, 'createdTime', { result: DATE_TIME_RESULT });

/** `referencedFieldIds: []` = every non-computed field bumps it (estuary/connectors source-airtable-native README). */
export const lastModifiedTimeField = (prng: Prng, name = 'Last modified', referencedFieldIds: string[] = []) =>
  field(prng, name, 'lastModifiedTime', { isValid: true, referencedFieldIds, result: DATE_TIME_RESULT });

export const createdByField = (prng: Prng) => field(prng, 'Created by', 'createdBy');
export const lastModifiedByField = (prng: Prng) => field(prng, 'Last modified by', 'lastModifiedBy');
export const autoNumberField = (prng: Prng) => field(prng, 'ID', 'autoNumber');
export const buttonField = (prng: Prng) => field(prng, 'Open', 'button');

function formulaField(prng: Prng, name: string, text: string, referenced: string[], result: unknown, formula: FormulaKind): AirtableField {
  return { ...field(prng, name, 'formula', { formula: text, isValid: true, referencedFieldIds: referenced, result }), formula };
}

/** `{Quantity} * {Price}`: a currency. */
export const productFormula = (prng: Prng, quantity: AirtableField, price: AirtableField) =>
  formulaField(
    prng,
    'Total',
    `{${quantity.id}} * {${price.id}}`,
    [quantity.id, price.id],
    { type: 'currency', options: { precision: 2, symbol: '$' } },
    {
      kind: 'product',
      left: quantity.id,
      right: price.id,
    },
  );

/** `{Quantity} / {Rating}`: `{specialValue: "NaN"}` for 0/0 and `"Infinity"` for x/0, as formula errors come back. */
export const ratioFormula = (prng: Prng, dividend: AirtableField, divisor: AirtableField) =>
  formulaField(
    prng,
    'Per star',
    `{${dividend.id}} / {${divisor.id}}`,
    [dividend.id, divisor.id],
    { type: 'number', options: { precision: 2 } },
    {
      kind: 'ratio',
      dividend: dividend.id,
      divisor: divisor.id,
    },
  );

/** `IF({Rating} >= 4, "Top", ERROR())`: text, or `{error: "#ERROR!"}`. */
export const thresholdFormula = (prng: Prng, rating: AirtableField) =>
  formulaField(
    prng,
    'Grade',
    `IF({${rating.id}} >= 4, "Top", ERROR())`,
    [rating.id],
    { type: 'singleLineText' },
    {
      kind: 'threshold',
      field: rating.id,
      above: 4,
      label: 'Top',
    },
  );

export const rollupField = (prng: Prng, link: AirtableField, target: AirtableField) =>
  field(prng, `Sum of ${target.name}`, 'rollup', {
    isValid: true,
    recordLinkFieldId: link.id,
    fieldIdInLinkedTable: target.id,
    referencedFieldIds: [],
    result: { type: 'number', options: { precision: 0 } },
  });

export const lookupField = (prng: Prng, link: AirtableField, target: AirtableField) =>
  field(prng, `${target.name} (from ${link.name})`, 'multipleLookupValues', {
    isValid: true,
    recordLinkFieldId: link.id,
    fieldIdInLinkedTable: target.id,
    result: { type: target.type },
  });

export const countField = (prng: Prng, link: AirtableField) =>
  field(prng, `${link.name} (count)`, 'count', { isValid: true, recordLinkFieldId: link.id });

/** A link field and, on the other table, its inverse (a self-link has none). */
export function linkFields(
  prng: Prng,
  fromTableId: string,
  toTableId: string,
  fromName: string,
  toName: string,
): [AirtableField, AirtableField?] {
  const forward = field(prng, toName, 'multipleRecordLinks', {
    linkedTableId: toTableId,
    isReversed: false,
    prefersSingleRecordLink: false,
  });
  if (fromTableId === toTableId) return [forward];
  const inverse = field(prng, fromName, 'multipleRecordLinks', {
    linkedTableId: fromTableId,
    inverseLinkFieldId: forward.id,
    isReversed: false,
    prefersSingleRecordLink: false,
  });
  forward.options = { ...forward.options, inverseLinkFieldId: inverse.id };
  return [forward, inverse];
}
