import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
} from 'graphql';

/** The API as the schema declares it: fuzzing follows the SDL, so a new argument is fuzzed without edits here. */
export const sdl = readFileSync(new URL('../../../schema/schema.graphql', import.meta.url), 'utf8');
export const schema = buildSchema(sdl);

const errorCodeEnum = schema.getType('ErrorCode');
if (!isEnumType(errorCodeEnum)) throw new Error('schema has no enum ErrorCode');
/** Every value of `enum ErrorCode`, read from the SDL. */
export const ERROR_CODES: ReadonlySet<string> = new Set(errorCodeEnum.getValues().map((value) => value.name));

export interface Operation {
  kind: 'query' | 'mutation';
  field: string;
  args: readonly GraphQLArgument[];
  /** The full selection of the return type's leaves (depth-bounded), or '' for a leaf return. */
  selection: string;
}

function selectionOf(type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named) || depth > 3) return '';
  const parts = Object.values(named.getFields()).map((field: GraphQLField<unknown, unknown>) => {
    const inner = selectionOf(field.type, depth + 1);
    return inner ? `${field.name} ${inner}` : isLeafType(getNamedType(field.type)) ? field.name : '';
  });
  return `{ ${parts.filter(Boolean).join(' ')} }`;
}

function operationsOf(kind: 'query' | 'mutation'): Operation[] {
  const root = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
  return Object.values(root?.getFields() ?? {}).map((field) => ({
    kind,
    field: field.name,
    args: field.args,
    selection: selectionOf(field.type),
  }));
}

/** Every operation of the schema: providers, credentials, connectAttempt, load, connect, disconnect, createSession... */
export const OPERATIONS: readonly Operation[] = [...operationsOf('query'), ...operationsOf('mutation')];

/** `query($provider: Provider!, ...) { field(provider: $provider, ...) { ... } }` */
export function documentFor(operation: Operation, selection = operation.selection): string {
  const header = operation.args.length ? `(${operation.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ')})` : '';
  const call = operation.args.length ? `(${operation.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})` : '';
  return `${operation.kind} Fuzz${header} { ${operation.field}${call} ${selection} }`;
}

/** A shape description the value generators work from. */
export type InputShape =
  | { kind: 'nonNull'; of: InputShape }
  | { kind: 'list'; of: InputShape }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'scalar'; name: string }
  | { kind: 'object'; fields: ReadonlyArray<{ name: string; shape: InputShape }> };

export function shapeOf(type: GraphQLInputType): InputShape {
  if (isNonNullType(type)) return { kind: 'nonNull', of: shapeOf(type.ofType) };
  if (isListType(type)) return { kind: 'list', of: shapeOf(type.ofType) };
  if (isEnumType(type)) return { kind: 'enum', values: type.getValues().map((value) => value.name) };
  if (isInputObjectType(type)) {
    return { kind: 'object', fields: Object.values(type.getFields()).map((field) => ({ name: field.name, shape: shapeOf(field.type) })) };
  }
  return { kind: 'scalar', name: type.name };
}
