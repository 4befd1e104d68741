import { deriveSeed, Prng } from '../shared/prng.js';
import { ADJECTIVES, FIRST_NAMES, LAST_NAMES, NOUNS } from '../shared/words.js';
import * as computed from './computed-fields.js';
import { airtableId, EDITABLE_KINDS, FROM, isoSecond, kindOf, makeField, primaryName, TO } from './field-types.js';
import type {
  AirtableAccount,
  AirtableBase,
  AirtableField,
  AirtableRecord,
  AirtableTable,
  CellValue,
  Collaborator,
  PermissionLevel,
} from './model.js';

export type * from './model.js';
export { airtableId } from './field-types.js';

const UNGRANTED_PER_ACCOUNT = 2;
/** The first base's first table is big enough to need several record pages, and holds every field type. */
export const BIG_TABLE_RECORDS = 250;
/** The user's main base (the default account's first) has a fixed number of tables: specs can count on it. */
export const SHOWCASE_TABLES = 12;
/** Other integrations' webhooks on the default account's third base: it has no room for ours (10 per base). */
export const FULL_OF_WEBHOOKS = 10;

export interface AirtableSize {
  bases: number;
  /** Records of the default account, spread over its readable tables; undefined = 250 in the first table, 0-6 elsewhere. */
  records?: number;
}

const SMALL_ACCOUNTS = [3, 1];

export function generateAirtable(seed: number, size: AirtableSize): AirtableAccount[] {
  // Tables draw records from streams of their own, which may meet: ids are kept unique by hand.
  const usedRecordIds = new Set<string>();
  return [size.bases, ...SMALL_ACCOUNTS].map((count, index) => {
    const prng = new Prng(deriveSeed(seed, `airtable:${index}`));
    const first = prng.pick(FIRST_NAMES);
    const userId = airtableId(prng, 'usr');
    const email = `${first.toLowerCase()}.${index + 1}@sandbox-airtable.example`;
    const name = `${first} (sandbox ${index + 1})`;
    const collaborators: Collaborator[] = [{ id: userId, email, name }, ...teammates(prng, index)];
    const isDefault = index === 0;
    const bases: AirtableBase[] = [];
    // The last listed base of an account with several is one the user can see but not read (Q3).
    for (let b = 0; b < count; b++) bases.push(base(prng, b, true, isDefault, count > 1 && b === count - 1));
    for (let b = 0; b < UNGRANTED_PER_ACCOUNT; b++) bases.push(base(prng, count + b, false, false));
    const plan = recordPlan(prng, bases, isDefault ? size.records : undefined, isDefault);
    for (const b of bases) fillRecords(seed, b, plan, collaborators, usedRecordIds);
    return { index, userId, email, name, collaborators, bases };
  });
}

function teammates(prng: Prng, account: number): Collaborator[] {
  return Array.from({ length: 4 }, (_, i) => {
    const first = prng.pick(FIRST_NAMES);
    const last = prng.pick(LAST_NAMES);
    return {
      id: airtableId(prng, 'usr'),
      email: `${first}.${last}.${account}${i}@sandbox-airtable.example`.toLowerCase().replace(/\s+/g, ''),
      name: `${first} ${last}`,
    };
  });
}

function emptyTable(prng: Prng, name: string): AirtableTable {
  const primary: AirtableField = {
    id: airtableId(prng, 'fld'),
    name: 'Name',
    type: 'singleLineText',
    description: `Name of the ${name.toLowerCase()} item`,
  };
  const views = [{ id: airtableId(prng, 'viw'), name: 'Grid view', type: 'grid' }];
  if (prng.chance(0.3)) views.push({ id: airtableId(prng, 'viw'), name: 'Kanban', type: 'kanban' });
  return {
    id: airtableId(prng, 'tbl'),
    name,
    ...(prng.chance(0.5) ? { description: `${name} tracked by the team.` } : {}),
    primaryFieldId: primary.id,
    fields: [primary],
    views,
    records: [],
    nextAutoNumber: 1,
    trash: [],
  };
}

/** A table of the usual kind: a name, some editable fields, sometimes created/modified times. */
function ordinaryTable(prng: Prng, name: string): AirtableTable {
  const table = emptyTable(prng, name);
  for (const kind of EDITABLE_KINDS.slice(0, -1)) if (prng.chance(0.3)) table.fields.push(makeField(prng, kind));
  // Some tables have a last-modified field, most do not (fact sheet 8.2; issue 23).
  if (prng.chance(0.3)) table.fields.push(computed.lastModifiedTimeField(prng));
  if (prng.chance(0.2)) table.fields.push(computed.createdTimeField(prng));
  return table;
}

/** Every editable type, then every computed one (some wired to the link added by `linkTables`). */
function everyTypeTable(prng: Prng, name: string): AirtableTable {
  const table = emptyTable(prng, name);
  for (const kind of EDITABLE_KINDS) table.fields.push(makeField(prng, kind));
  const byType = (type: string) => table.fields.find((f) => f.type === type)!;
  table.fields.push(
    computed.createdTimeField(prng),
    computed.lastModifiedTimeField(prng),
    computed.createdByField(prng),
    computed.lastModifiedByField(prng),
    computed.autoNumberField(prng),
    computed.buttonField(prng),
    computed.productFormula(prng, byType('number'), byType('currency')),
    computed.ratioFormula(prng, byType('number'), byType('rating')),
    computed.thresholdFormula(prng, byType('rating')),
  );
  return table;
}

/** Table `from` links to `to`; `rollups` adds a rollup, a lookup and a count over the link. */
function linkTables(prng: Prng, from: AirtableTable, to: AirtableTable, rollups: boolean): void {
  const [forward, inverse] = computed.linkFields(prng, from.id, to.id, from.name, to.name);
  from.fields.push(forward);
  if (inverse) to.fields.push(inverse);
  if (!rollups) return;
  let amount = to.fields.find((f) => f.type === 'number');
  if (!amount) to.fields.push((amount = makeField(prng, kindOf('number')!, 'Amount')));
  const primary = to.fields.find((f) => f.id === to.primaryFieldId)!;
  from.fields.push(
    computed.rollupField(prng, forward, amount),
    computed.lookupField(prng, forward, primary),
    computed.countField(prng, forward),
  );
}

function base(prng: Prng, index: number, granted: boolean, isDefaultAccount: boolean, noPermission = false): AirtableBase {
  const showcase = isDefaultAccount && index === 0;
  // Base 1 of the default account has exactly 30 tables, the documented maximum the widget must show;
  // base 0, the user's main one, a fixed 12.
  const tableCount = isDefaultAccount && index === 1 ? 30 : showcase ? SHOWCASE_TABLES : prng.int(1, 30);
  const tables: AirtableTable[] = [];
  const used = new Set<string>();
  for (let t = 0; t < tableCount; t++) {
    let name: string = prng.pick(NOUNS);
    if (used.has(name)) name = `${name} ${t + 1}`;
    used.add(name);
    tables.push(showcase && t === 0 ? everyTypeTable(prng, name) : ordinaryTable(prng, name));
  }
  for (let t = 0; t + 1 < tables.length; t++) {
    if (showcase && t === 0) linkTables(prng, tables[0]!, tables[1]!, true);
    else if (prng.chance(0.25)) linkTables(prng, tables[t]!, tables[t + 1]!, false);
  }
  const drawn = prng.pick<PermissionLevel>(['create', 'create', 'edit', 'edit', 'comment', 'read']);
  // The user created their main base: webhooks can be made there.
  const level = showcase ? 'create' : granted && !noPermission ? drawn : 'none';
  return {
    id: airtableId(prng, 'app'),
    name: `${prng.pick(ADJECTIVES)} ${prng.pick(NOUNS)}`,
    permissionLevel: level,
    granted,
    tables,
    trashedTables: [],
    foreignWebhooks: isDefaultAccount && index === 2 ? FULL_OF_WEBHOOKS : 0,
  };
}

/** How many records each table gets, by table id. */
function recordPlan(prng: Prng, bases: AirtableBase[], total: number | undefined, isDefault: boolean): Map<string, number> {
  const plan = new Map<string, number>();
  const tables = bases.flatMap((b) => b.tables);
  if (total === undefined) {
    for (const t of tables) plan.set(t.id, isDefault && t === bases[0]?.tables[0] ? BIG_TABLE_RECORDS : prng.int(0, 6));
    return plan;
  }
  const readable = bases.filter((b) => b.granted && b.permissionLevel !== 'none').flatMap((b) => b.tables);
  const weights = readable.map(() => 0.5 + prng.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  let left = total;
  readable.forEach((t, i) => {
    const share = Math.floor((total * weights[i]!) / sum);
    plan.set(t.id, share);
    left -= share;
  });
  if (readable[0]) plan.set(readable[0].id, (plan.get(readable[0].id) ?? 0) + left);
  return plan;
}

function fillRecords(seed: number, base: AirtableBase, plan: Map<string, number>, collaborators: Collaborator[], used: Set<string>): void {
  for (const table of base.tables) {
    // Each table draws from its own stream: sizes elsewhere never shift its records.
    const prng = new Prng(deriveSeed(seed, table.id));
    const count = plan.get(table.id) ?? 0;
    const context = { collaborators };
    const editable = table.fields.flatMap((f) => {
      const value = f.id === table.primaryFieldId ? undefined : kindOf(f.type)?.value;
      return value ? [{ field: f, value: () => value(prng, f, context) }] : [];
    });
    for (let i = 0; i < count; i++) table.records.push(record(prng, table, editable, collaborators.length, used));
  }
  // The side of a link whose table comes first draws the links; the other side mirrors them.
  base.tables.forEach((table, position) => {
    for (const field of table.fields) {
      const target = base.tables.findIndex((t) => t.id === field.options?.linkedTableId);
      if (field.type === 'multipleRecordLinks' && target >= position) drawLinks(seed, base.tables[target]!, table, field);
    }
  });
}

function record(
  prng: Prng,
  table: AirtableTable,
  editable: Array<{ field: AirtableField; value: () => CellValue | undefined }>,
  people: number,
  used: Set<string>,
): AirtableRecord {
  let id = airtableId(prng, 'rec');
  while (used.has(id)) id = airtableId(prng, 'rec');
  used.add(id);
  const created = FROM + Math.floor(prng.next() * (TO - FROM));
  // Keyed by field ids unique to each table: a dictionary from the start, rather than thousands of hidden classes.
  const cells = Object.create(null) as AirtableRecord['cells'];
  if (!prng.chance(0.05)) cells[table.primaryFieldId] = primaryName(prng);
  for (const { field, value } of editable) {
    if (prng.chance(0.25)) continue;
    const cell = value();
    if (cell !== undefined) cells[field.id] = cell;
  }
  const by = prng.int(0, people - 1);
  return {
    id,
    createdTime: isoSecond(created),
    cells,
    modifiedAt: created + Math.floor(prng.next() * (TO - created)),
    createdBy: by,
    lastModifiedBy: prng.chance(0.5) ? by : prng.int(0, people - 1),
    autoNumber: table.nextAutoNumber++,
    commentCount: prng.chance(0.8) ? 0 : prng.int(1, 5),
  };
}

/** 1-3 targets for 60% of the records; the inverse field holds exactly the records that link there, in link order. */
function drawLinks(seed: number, target: AirtableTable, table: AirtableTable, field: AirtableField): void {
  if (target.records.length === 0) return;
  const prng = new Prng(deriveSeed(seed, field.id));
  const inverseId = field.options?.inverseLinkFieldId as string | undefined;
  const back = new Map<string, string[]>();
  for (const r of table.records) {
    if (!prng.chance(0.6)) continue;
    const ids = new Set<string>();
    const n = prng.int(1, 3);
    for (let i = 0; i < n; i++) ids.add(prng.pick(target.records).id);
    r.cells[field.id] = [...ids];
    for (const id of ids) {
      const list = back.get(id);
      if (list) list.push(r.id);
      else back.set(id, [r.id]);
    }
  }
  if (inverseId) for (const r of target.records) if (back.has(r.id)) r.cells[inverseId] = back.get(r.id)!;
}
