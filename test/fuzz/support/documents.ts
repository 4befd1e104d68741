import fc from 'fast-check';
import { anyJson, anyString, hugeString, valueFor } from './inputs.js';
import { documentFor, OPERATIONS, shapeOf, type Operation } from './schema.js';

/** A GraphQL request for one operation of the schema with generated variables. */
export interface OperationInput {
  operation: string;
  document: string;
  variables: Record<string, unknown>;
}

/** Picks some of the selection's top-level leaves, or all of them, or only `__typename`. */
function selectionFor(operation: Operation): fc.Arbitrary<string> {
  if (!operation.selection) return fc.constant('');
  return fc.oneof({ weight: 4, arbitrary: fc.constant(operation.selection) }, { weight: 1, arbitrary: fc.constant('{ __typename }') });
}

/** Every operation and every argument of the schema, with values for the declared types (and wrong ones). */
export function operationInput(pool: fc.Arbitrary<string>): fc.Arbitrary<OperationInput> {
  return fc.constantFrom(...OPERATIONS).chain((operation) =>
    fc.record({
      operation: fc.constant(operation.field),
      document: selectionFor(operation).map((selection) => documentFor(operation, selection)),
      variables: fc.record(Object.fromEntries(operation.args.map((arg) => [arg.name, valueFor(shapeOf(arg.type), pool)])), {
        requiredKeys: [],
      }),
    }),
  );
}

const TOKENS = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ':',
  '!',
  '=',
  '$',
  '@',
  '...',
  '|',
  '&',
  ',',
  '"',
  '"""',
  '#',
  '\n',
  'query',
  'mutation',
  'subscription',
  'fragment',
  'on',
  'schema',
  'type',
  'extend',
  'directive',
  ...OPERATIONS.map((operation) => operation.field),
  'provider',
  'identity',
  'userId',
  'orgId',
  'first',
  'after',
  'id',
  'returnTo',
  'HUBSPOT',
  'AIRTABLE',
  'NOTION',
  'null',
  'true',
  '1',
  '-1',
  '1e999',
  '0x10',
  '"x"',
  '$p',
  'Provider!',
  'IdentityInput',
  '__typename',
  '__schema { types { name } }',
  '__type(name: "Query") { name }',
  '@include(if: true)',
  '@skip(if: $x)',
  '@deprecated',
  'accessToken',
  'edges { node { id } }',
  'pageInfo { endCursor }',
  'account { id name }',
];

/** GraphQL string literal of any JS string (lone surrogates survive as \u escapes). */
const gqlString = (value: string) => JSON.stringify(value);

/** Query text: token soup, near-valid documents with inline literals, abuse shapes (aliases, depth, fragments, directives). */
export const documentText: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: anyString },
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 30 }).map((tokens) => tokens.join(' ')) },
  {
    weight: 4,
    arbitrary: fc
      .record({
        operation: fc.constantFrom(...OPERATIONS),
        literals: fc.array(
          fc.oneof(
            anyString.map(gqlString),
            fc.constantFrom(
              'HUBSPOT',
              'hubspot',
              'NOTION',
              '1',
              '-5',
              '1.5',
              'null',
              'true',
              '[]',
              '{}',
              '$undeclared',
              '{ userId: "u", orgId: "o" }',
              '{ userId: null }',
              '[HUBSPOT, NOTION, NOTION]',
              '2147483648',
            ),
          ),
          { minLength: 0, maxLength: 4 },
        ),
      })
      .map(({ operation, literals }) => {
        const args = operation.args
          .map((arg, index) => (literals[index] === undefined ? '' : `${arg.name}: ${literals[index]}`))
          .filter(Boolean);
        return `${operation.kind} { ${operation.field}${args.length ? `(${args.join(', ')})` : ''} ${operation.selection} }`;
      }),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(...OPERATIONS).chain((operation) =>
      fc.oneof(
        // alias storm
        fc
          .integer({ min: 2, max: 60 })
          .map((n) => `${operation.kind} { ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`),
        // depth storm through introspection and nesting
        fc
          .integer({ min: 2, max: 40 })
          .map((n) => `query { __schema { types { ${'fields { type { '.repeat(n)}name${' } }'.repeat(n)} } } }`),
        // fragment cycles and spreads
        fc.constant('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }'),
        fc.constant(`query { ...F ...F ...F } fragment F on Query { providers { id } }`),
        // directive storm
        fc.integer({ min: 2, max: 100 }).map((n) => `query { __typename ${'@include(if: true) '.repeat(n)}}`),
        // many operations, one unnamed
        fc.integer({ min: 2, max: 20 }).map((n) => Array.from({ length: n }, (_, i) => `query Q${i} { __typename }`).join('\n')),
      ),
    ),
  },
  { weight: 1, arbitrary: hugeString },
);

/** A JSON request body as a client (or an attacker) could shape it. */
export const requestBody: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record(
      {
        query: documentText,
        variables: fc.option(anyJson, { nil: undefined }),
        operationName: fc.option(fc.oneof(anyString, fc.constantFrom('Fuzz', 'Q0', 'Q1')), { nil: undefined }),
      },
      { requiredKeys: ['query'] },
    ),
  },
  { weight: 2, arbitrary: anyJson },
  { weight: 1, arbitrary: fc.array(fc.record({ query: documentText }), { minLength: 1, maxLength: 3 }) },
  {
    weight: 1,
    arbitrary: fc.record({
      query: fc.option(documentText, { nil: undefined }),
      extensions: fc.oneof(
        anyJson,
        fc.record({
          persistedQuery: fc.record(
            { version: fc.oneof(fc.constant(1), anyJson), sha256Hash: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), anyString) },
            { requiredKeys: [] },
          ),
        }),
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ query: anyJson, variables: anyJson, operationName: anyJson }, { requiredKeys: [] }) },
);
