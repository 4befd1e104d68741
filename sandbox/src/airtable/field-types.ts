import type { Prng } from '../shared/prng.js';
import { CITIES, FIRST_NAMES, LAST_NAMES, NOUNS } from '../shared/words.js';
import type { AirtableField, AttachmentValue, CellObject, CellValue, Collaborator, Thumbnail } from './model.js';

/**
 * Airtable's field types as the base schema describes them and as records carry their values.
 * Options follow the field model reference (airtable.com/developers/web/api/field-model) and the
 * schema fixtures of pyairtable (gtalarico/pyairtable `tests/sample_data/field_schema/*.json`);
 * values follow the same reference and pyairtable's `api/types.py` (AttachmentDict, CollaboratorDict,
 * BarcodeDict, ButtonDict).
 */

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Observed id shape: 3-letter prefix + 14 alphanumerics (`app`, `tbl`, `fld`, `rec`, `sel`, `att`, `ach`, `usr`). */
export function airtableId(prng: Prng, prefix: string): string {
  // The same draws as `prng.chars(14, ALNUM)`, without 14 intermediate strings per id (tens of thousands per dataset).
  const codes: number[] = [];
  for (let i = 0; i < 14; i++) codes.push(ALNUM.charCodeAt(Math.floor(prng.next() * ALNUM.length)));
  return prefix + String.fromCharCode(...codes);
}

const COLORS = ['blueLight2', 'cyanLight2', 'tealLight2', 'greenLight2', 'yellowLight2', 'orangeLight2', 'redLight2', 'purpleLight2'];
const DATE_FORMAT = { name: 'iso', format: 'YYYY-MM-DD' };
const TIME_FORMAT = { name: '24hour', format: 'HH:mm' };
export const DATE_TIME_RESULT = { type: 'dateTime', options: { dateFormat: DATE_FORMAT, timeFormat: TIME_FORMAT, timeZone: 'utc' } };

export const FROM = Date.UTC(2022, 0, 1);
export const TO = Date.UTC(2026, 9, 1);

/** What a value generator may use besides the PRNG. */
export interface ValueContext {
  collaborators: Collaborator[];
}

export interface FieldKind {
  type: string;
  name: string;
  options?: (prng: Prng) => Record<string, unknown>;
  /** A realistic value, or undefined for an empty cell. Computed and link fields have none here. */
  value?: (prng: Prng, field: AirtableField, context: ValueContext) => CellValue | undefined;
}

const choices = (prng: Prng, names: string[]) => ({
  choices: names.map((name, i) => ({ id: airtableId(prng, 'sel'), name, color: COLORS[i % COLORS.length] })),
});
const choiceNames = (field: AirtableField) => ((field.options?.choices ?? []) as Array<{ name: string }>).map((c) => c.name);
const isoDay = (prng: Prng) => new Date(FROM + Math.floor(prng.next() * (TO - FROM))).toISOString().slice(0, 10);
/** Record times are whole seconds with `.000Z`, as in Airtable's own examples ([A5]). */
export const isoSecond = (ms: number) => new Date(ms - (ms % 1000)).toISOString();
const person = (prng: Prng) => `${prng.pick(FIRST_NAMES)} ${prng.pick(LAST_NAMES)}`;
/** Generated cells share the account's collaborator objects (never mutated: a write stores a new value). */
const collaborator = (prng: Prng, context: ValueContext): CellObject => prng.pick(context.collaborators) as unknown as CellObject;

export function attachmentValue(prng: Prng): AttachmentValue {
  const id = airtableId(prng, 'att');
  const image = prng.chance(0.7);
  const filename = image ? `${prng.pick(NOUNS).toLowerCase()}-${prng.int(1, 99)}.png` : `${prng.pick(NOUNS).toLowerCase()}.pdf`;
  // Attachment URLs are signed and expire after a few hours (field model reference); these never resolve.
  const url = `https://v5.airtableusercontent.com/v3/u/${prng.chars(8, ALNUM)}/${prng.chars(22, ALNUM)}/${id}`;
  const size = prng.int(2_000, 4_000_000);
  if (!image) return { id, url, filename, size, type: 'application/pdf' };
  const thumb = (name: string, width: number, height: number): Thumbnail => ({ url: `${url}/${name}`, width, height });
  return {
    id,
    url,
    filename,
    size,
    type: 'image/png',
    width: 1200,
    height: 800,
    thumbnails: { small: thumb('small', 54, 36), large: thumb('large', 768, 512), full: thumb('full', 3000, 3000) },
  };
}

const attachment = (prng: Prng) => attachmentValue(prng) as unknown as CellObject;

function some<T>(prng: Prng, items: readonly T[], max: number): T[] {
  const picked = new Set<T>();
  const count = prng.int(1, Math.min(max, items.length));
  while (picked.size < count) picked.add(prng.pick(items));
  return [...picked];
}

/** Every field type people edit, in the order the "every field type" table shows them. */
export const EDITABLE_KINDS: FieldKind[] = [
  { type: 'multilineText', name: 'Notes', value: (p) => `${p.pick(NOUNS)} for ${p.pick(FIRST_NAMES)}.\nFollow up in ${p.pick(CITIES)}.` },
  {
    type: 'richText',
    name: 'Brief',
    value: (p) => `**${p.pick(NOUNS)}** with ${p.pick(FIRST_NAMES)}\n\n- agenda\n- [notes](https://example.com/${p.int(1, 999)})\n`,
  },
  {
    type: 'email',
    name: 'Email',
    value: (p) => `${p.pick(FIRST_NAMES)}.${p.pick(LAST_NAMES)}@example.com`.toLowerCase().replace(/\s+/g, ''),
  },
  { type: 'url', name: 'Website', value: (p) => `https://www.example.com/${p.pick(NOUNS).toLowerCase()}/${p.int(1, 999)}` },
  { type: 'phoneNumber', name: 'Phone', value: (p) => `(${p.int(200, 989)}) 555-${String(p.int(0, 9999)).padStart(4, '0')}` },
  { type: 'number', name: 'Quantity', options: () => ({ precision: 0 }), value: (p) => p.int(0, 500) },
  { type: 'currency', name: 'Price', options: () => ({ precision: 2, symbol: '$' }), value: (p) => p.int(100, 99_999) / 100 },
  { type: 'percent', name: 'Progress', options: () => ({ precision: 0 }), value: (p) => p.int(0, 100) / 100 },
  { type: 'duration', name: 'Time spent', options: () => ({ durationFormat: 'h:mm' }), value: (p) => p.int(1, 600) * 60 },
  { type: 'rating', name: 'Rating', options: () => ({ icon: 'star', max: 5, color: 'yellowBright' }), value: (p) => p.int(1, 5) },
  // An unchecked box is an empty cell: absent from `fields`.
  {
    type: 'checkbox',
    name: 'Done',
    options: () => ({ icon: 'check', color: 'greenBright' }),
    value: (p) => (p.chance(0.5) ? true : undefined),
  },
  { type: 'date', name: 'Due', options: () => ({ dateFormat: DATE_FORMAT }), value: isoDay },
  {
    type: 'dateTime',
    name: 'Meeting',
    options: () => DATE_TIME_RESULT.options,
    value: (p) => isoSecond(FROM + Math.floor(p.next() * (TO - FROM))),
  },
  {
    type: 'singleSelect',
    name: 'Status',
    options: (p) => choices(p, ['Todo', 'In progress', 'Done']),
    value: (p, f) => p.pick(choiceNames(f)),
  },
  {
    type: 'multipleSelects',
    name: 'Tags',
    options: (p) => choices(p, ['Urgent', 'Client', 'Internal', 'Idea', 'Blocked']),
    value: (p, f) => some(p, choiceNames(f), 3),
  },
  {
    type: 'multipleAttachments',
    name: 'Files',
    options: () => ({ isReversed: false }),
    value: (p) => (p.chance(0.7) ? [attachment(p)] : [attachment(p), attachment(p)]),
  },
  { type: 'singleCollaborator', name: 'Owner', value: (p, _f, c) => collaborator(p, c) },
  { type: 'multipleCollaborators', name: 'Watchers', value: (p, _f, c) => some(p, c.collaborators, 3) as unknown as CellObject[] },
  { type: 'barcode', name: 'Barcode', value: (p) => ({ text: p.chars(12, '0123456789'), type: 'upce' }) },
  { type: 'singleLineText', name: 'City', value: (p) => p.pick(CITIES) },
];

/** The primary field most tables have: a name. */
export const primaryName = (prng: Prng) => person(prng);

export function makeField(prng: Prng, kind: FieldKind, name = kind.name): AirtableField {
  const options = kind.options?.(prng);
  return { id: airtableId(prng, 'fld'), name, type: kind.type, ...(options ? { options } : {}) };
}

const KINDS = new Map(EDITABLE_KINDS.map((k) => [k.type, k]));
export const kindOf = (type: string) => KINDS.get(type);
