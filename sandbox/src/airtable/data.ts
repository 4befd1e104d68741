import { deriveSeed, Prng } from '../shared/prng.js';
import { ADJECTIVES, CITIES, FIRST_NAMES, LAST_NAMES, NOUNS } from '../shared/words.js';

export interface AirtableField {
  id: string;
  name: string;
  type: string;
  description?: string;
  options?: Record<string, unknown>;
}

export interface AirtableView {
  id: string;
  name: string;
  type: string;
}

export interface AirtableRecord {
  id: string;
  createdTime: string;
  /** Keyed by field name; empty values are absent, as the API omits them. */
  fields: Record<string, string | number | boolean>;
}

export interface AirtableTable {
  id: string;
  name: string;
  description?: string;
  primaryFieldId: string;
  fields: AirtableField[];
  views: AirtableView[];
  records: AirtableRecord[];
}

export type PermissionLevel = 'none' | 'read' | 'comment' | 'edit' | 'create';

export interface AirtableBase {
  id: string;
  name: string;
  /** `none`: listed by GET /v0/meta/bases, but its schema and records answer 403 (Q3, [A3]). */
  permissionLevel: PermissionLevel;
  /**
   * false = exists in the user's workspace but was not granted to the token: listed nowhere, 403
   * everywhere. The dataset is live: setting it to false withdraws the base mid-load.
   */
  granted: boolean;
  tables: AirtableTable[];
}

export interface AirtableAccount {
  index: number;
  userId: string;
  email: string;
  name: string;
  bases: AirtableBase[];
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Observed id shape: 3-letter prefix + 14 alphanumerics. */
export const airtableId = (prng: Prng, prefix: string) => prefix + prng.chars(14, ALNUM);

const FROM = Date.UTC(2022, 0, 1);
const TO = Date.UTC(2026, 9, 1);
const UNGRANTED_PER_ACCOUNT = 2;
/** The first base's first table is big enough to need several record pages. */
export const BIG_TABLE_RECORDS = 250;

const FIELD_KINDS: Array<Omit<AirtableField, 'id'>> = [
  { name: 'Notes', type: 'multilineText' },
  { name: 'Status', type: 'singleSelect', options: { choices: [{ name: 'Todo' }, { name: 'In progress' }, { name: 'Done' }] } },
  { name: 'Count', type: 'number', options: { precision: 0 } },
  { name: 'Done', type: 'checkbox', options: { icon: 'check', color: 'greenBright' } },
  { name: 'Email', type: 'email' },
  { name: 'Due', type: 'date', options: { dateFormat: { name: 'iso', format: 'YYYY-MM-DD' } } },
  { name: 'City', type: 'singleLineText' },
];

function cell(prng: Prng, field: AirtableField): string | number | boolean | undefined {
  if (prng.chance(0.25)) return undefined;
  switch (field.type) {
    case 'multilineText':
      return `${prng.pick(NOUNS)} for ${prng.pick(FIRST_NAMES)}`;
    case 'singleSelect':
      return prng.pick(['Todo', 'In progress', 'Done']);
    case 'number':
      return prng.int(0, 500);
    case 'checkbox':
      return prng.chance(0.5) ? true : undefined;
    case 'email':
      return `${prng.pick(FIRST_NAMES).toLowerCase()}@example.com`;
    case 'date':
      return new Date(FROM + Math.floor(prng.next() * (TO - FROM))).toISOString().slice(0, 10);
    default:
      return prng.pick(CITIES);
  }
}

function table(prng: Prng, name: string, recordCount: number): AirtableTable {
  const primary: AirtableField = {
    id: airtableId(prng, 'fld'),
    name: 'Name',
    type: 'singleLineText',
    description: `Name of the ${name.toLowerCase()} item`,
  };
  const fields = [primary];
  for (const kind of FIELD_KINDS) if (prng.chance(0.5)) fields.push({ ...kind, id: airtableId(prng, 'fld') });
  const records: AirtableRecord[] = [];
  for (let i = 0; i < recordCount; i++) {
    const values: AirtableRecord['fields'] = {};
    if (!prng.chance(0.05)) values.Name = `${prng.pick(FIRST_NAMES)} ${prng.pick(LAST_NAMES)}`;
    for (const field of fields.slice(1)) {
      const value = cell(prng, field);
      if (value !== undefined) values[field.name] = value;
    }
    records.push({
      id: airtableId(prng, 'rec'),
      createdTime: new Date(FROM + Math.floor(prng.next() * (TO - FROM))).toISOString().replace(/\.\d{3}Z$/, '.000Z'),
      fields: values,
    });
  }
  const views: AirtableView[] = [{ id: airtableId(prng, 'viw'), name: 'Grid view', type: 'grid' }];
  if (prng.chance(0.3)) views.push({ id: airtableId(prng, 'viw'), name: 'Kanban', type: 'kanban' });
  return {
    id: airtableId(prng, 'tbl'),
    name,
    description: prng.chance(0.5) ? `${name} tracked by the team.` : undefined,
    primaryFieldId: primary.id,
    fields,
    views,
    records,
  };
}

function base(prng: Prng, index: number, granted: boolean, isDefaultAccount: boolean, noPermission = false): AirtableBase {
  // Base 1 of the default account has exactly 30 tables, the documented maximum the widget must show.
  const tableCount = isDefaultAccount && index === 1 ? 30 : prng.int(1, 30);
  const tables: AirtableTable[] = [];
  const used = new Set<string>();
  for (let t = 0; t < tableCount; t++) {
    let name: string = prng.pick(NOUNS);
    if (used.has(name)) name = `${name} ${t + 1}`;
    used.add(name);
    const records = isDefaultAccount && index === 0 && t === 0 ? BIG_TABLE_RECORDS : prng.int(0, 6);
    tables.push(table(prng, name, records));
  }
  const drawn = prng.pick<PermissionLevel>(['create', 'create', 'edit', 'edit', 'comment', 'read']);
  const level = granted && !noPermission ? drawn : 'none';
  return { id: airtableId(prng, 'app'), name: `${prng.pick(ADJECTIVES)} ${prng.pick(NOUNS)}`, permissionLevel: level, granted, tables };
}

const SMALL_ACCOUNTS = [3, 1];

export function generateAirtable(seed: number, defaultBases: number): AirtableAccount[] {
  return [defaultBases, ...SMALL_ACCOUNTS].map((count, index) => {
    const prng = new Prng(deriveSeed(seed, `airtable:${index}`));
    const first = prng.pick(FIRST_NAMES);
    const bases: AirtableBase[] = [];
    // The last listed base of an account with several is one the user can see but not read (Q3).
    for (let b = 0; b < count; b++) bases.push(base(prng, b, true, index === 0, count > 1 && b === count - 1));
    for (let b = 0; b < UNGRANTED_PER_ACCOUNT; b++) bases.push(base(prng, count + b, false, false));
    return {
      index,
      userId: airtableId(prng, 'usr'),
      email: `${first.toLowerCase()}.${index + 1}@sandbox-airtable.example`,
      name: `${first} (sandbox ${index + 1})`,
      bases,
    };
  });
}
