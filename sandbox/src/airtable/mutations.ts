import { z } from 'zod';
import type { MutationHooks } from '../shared/app.js';
import { RecordMutations } from './record-mutations.js';
import { SchemaMutations } from './schema-mutations.js';
import type { AirtableState } from './state.js';
import { type Actor, MutationError } from './transaction.js';
import { SOURCES } from './webhook-model.js';

/**
 * What can change in an Airtable account while the sandbox runs, as tests, benchmarks and the demo
 * drive it (`sandbox.airtable.mutate.<op>(…)` or `POST /__sandbox/mutations` with `{op, …}`).
 * Airtable has no move and no merge: records stay in their table. `source` (default `client`, a
 * person in the web app) and `by` (collaborator index, default 0: the account's user) say who acts,
 * as the payloads' `actionMetadata` reports it.
 */

const id = z.string().min(1);
const actor = { source: z.enum(SOURCES).optional(), by: z.number().int().min(0).optional() };
const cells = z.record(z.string(), z.unknown());
const level = z.enum(['none', 'read', 'comment', 'edit', 'create']);

export const airtableMutation = z.discriminatedUnion('op', [
  z.object({ op: z.literal('createRecord'), table: id, cells: cells.optional(), ...actor }),
  z.object({ op: z.literal('updateRecord'), record: id, cells, ...actor }),
  z.object({ op: z.literal('renameRecord'), record: id, name: z.string(), ...actor }),
  z.object({ op: z.literal('deleteRecord'), record: id, ...actor }),
  z.object({ op: z.literal('restoreRecord'), record: id, ...actor }),
  z.object({ op: z.literal('purgeRecord'), record: id, ...actor }),
  z.object({ op: z.literal('createTable'), base: id, name: z.string().min(1), description: z.string().optional(), ...actor }),
  z.object({ op: z.literal('renameTable'), table: id, name: z.string().min(1), description: z.string().optional(), ...actor }),
  z.object({ op: z.literal('deleteTable'), table: id, ...actor }),
  z.object({ op: z.literal('restoreTable'), table: id, ...actor }),
  z.object({
    op: z.literal('createField'),
    table: id,
    name: z.string().min(1),
    type: z.string(),
    options: z.record(z.string(), z.unknown()).optional(),
    ...actor,
  }),
  z.object({ op: z.literal('renameField'), table: id, field: id, name: z.string().min(1), ...actor }),
  z.object({ op: z.literal('deleteField'), table: id, field: id, ...actor }),
  z.object({
    op: z.literal('createBase'),
    account: z.number().int().min(0).optional(),
    name: z.string().min(1),
    permissionLevel: level.optional(),
    granted: z.boolean().optional(),
  }),
  z.object({ op: z.literal('renameBase'), base: id, name: z.string().min(1) }),
  z.object({ op: z.literal('shareBase'), base: id }),
  z.object({ op: z.literal('unshareBase'), base: id }),
  z.object({ op: z.literal('setPermissionLevel'), base: id, level }),
]);

export type AirtableMutation = z.infer<typeof airtableMutation>;
export type AirtableMutationOp = AirtableMutation['op'];
/** Every operation answers the id of what it made or changed. */
export interface MutationResult {
  id: string;
}
/** `sandbox.airtable.mutate.createRecord({ table, cells })` and so on: one typed method per operation. */
export type AirtableMutator = { [Op in AirtableMutationOp]: (input: Omit<Extract<AirtableMutation, { op: Op }>, 'op'>) => MutationResult };

export function applyMutation(state: AirtableState, m: AirtableMutation): MutationResult {
  const records = new RecordMutations(state);
  const schema = new SchemaMutations(state);
  const who: Actor = { source: 'source' in m && m.source ? m.source : 'client', by: 'by' in m && m.by !== undefined ? m.by : 0 };
  switch (m.op) {
    case 'createRecord':
      return { id: records.createRecord(m.table, m.cells ?? {}, who).id };
    case 'updateRecord':
      return { id: records.updateRecord(m.record, m.cells, who).id };
    case 'renameRecord': {
      const found = state.record(m.record);
      if (!found) throw new MutationError(`Unknown record ${m.record}`);
      return { id: records.updateRecord(m.record, { [found.table.primaryFieldId]: m.name }, who).id };
    }
    case 'deleteRecord':
      records.deleteRecord(m.record, who);
      return { id: m.record };
    case 'restoreRecord':
      return { id: records.restoreRecord(m.record, who).id };
    case 'purgeRecord':
      records.purgeRecord(m.record, who);
      return { id: m.record };
    case 'createTable':
      return { id: schema.createTable(m.base, m.name, m.description, who).id };
    case 'renameTable':
      schema.renameTable(m.table, m.name, m.description, who);
      return { id: m.table };
    case 'deleteTable':
      schema.deleteTable(m.table, who);
      return { id: m.table };
    case 'restoreTable':
      return { id: schema.restoreTable(m.table, who).id };
    case 'createField':
      return { id: schema.createField(m.table, m.name, m.type, m.options, who).id };
    case 'renameField':
      schema.renameField(m.table, m.field, m.name, who);
      return { id: m.field };
    case 'deleteField':
      schema.deleteField(m.table, m.field, who);
      return { id: m.field };
    case 'createBase':
      return { id: schema.createBase(m.account ?? 0, m.name, m.permissionLevel ?? 'create', m.granted ?? true).id };
    case 'renameBase':
      return { id: schema.updateBase(m.base, { name: m.name }).id };
    case 'shareBase':
    case 'unshareBase':
      return { id: schema.updateBase(m.base, { granted: m.op === 'shareBase' }).id };
    case 'setPermissionLevel':
      return { id: schema.updateBase(m.base, { permissionLevel: m.level }).id };
  }
}

/** The typed methods of the handle. */
export function mutator(state: AirtableState): AirtableMutator {
  const ops = airtableMutation.options.map((o) => o.shape.op.value);
  return Object.fromEntries(
    ops.map((op) => [op, (input: object) => applyMutation(state, airtableMutation.parse({ ...input, op }))]),
  ) as AirtableMutator;
}

/** `POST /__sandbox/mutations`: malformed operations are refused before any runs; a failing one answers its reason. */
export function mutationHooks(state: AirtableState): MutationHooks {
  return {
    parse(body) {
      const parsed = airtableMutation.safeParse(body);
      return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: parsed.error.issues };
    },
    apply(operation) {
      try {
        return applyMutation(state, operation as AirtableMutation);
      } catch (error) {
        if (error instanceof MutationError) return { error: error.message };
        throw error;
      }
    },
  };
}
