import { readdirSync, readFileSync } from 'node:fs';
import type { CodegenConfig } from '@graphql-codegen/cli';

/** schema/*.graphql as Apollo reads it: every file, in name order, joined. */
const sdl = readdirSync('schema')
  .filter((name) => name.endsWith('.graphql'))
  .sort()
  .map((name) => readFileSync(`schema/${name}`, 'utf8'))
  .join('\n');

/**
 * schema/ is the single source of truth for the API shape. This generates:
 * - typed resolvers for the server (server/src/graphql/generated/),
 * - typed documents for the widget's operations (widget/src/generated/), as strings: the widget
 *   posts them with fetch, and string documents weigh far less than parsed ASTs,
 * - the schema's SDL as a module the server imports (server/src/graphql/generated/type-defs.ts), so
 *   a built or installed server carries its schema instead of reading schema/ from a checkout,
 * - the schema's enums as types for the session package (session/src/generated/), which has no
 *   GraphQL of its own.
 * Generated files are committed and never edited; `npm run codegen:check` fails when they are stale.
 */
const config: CodegenConfig = {
  schema: 'schema/*.graphql',
  documents: 'schema/operations/*.graphql',
  importExtension: '.js',
  generates: {
    'server/src/graphql/generated/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        contextType: '../context.js#GraphQLContext',
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { DateTime: 'string' },
        // Resolvers pass the connection key down so admin-only fields can act on it; items are the
        // providers' own shape (providers/item-source.ts), which the API serves as IntegrationItem.
        mappers: { Credentials: '../models.js#CredentialsModel', IntegrationItem: '../../providers/item-source.js#Item' },
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
      },
    },
    'server/src/graphql/generated/type-defs.ts': {
      plugins: [
        { add: { content: `/** schema/*.graphql, joined: what Apollo serves. */\nexport const typeDefs = ${JSON.stringify(sdl)};` } },
      ],
    },
    'session/src/generated/schema-enums.ts': {
      plugins: ['typescript'],
      config: { onlyEnums: true, enumsAsTypes: true },
    },
    'widget/src/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { DateTime: 'string' },
      },
    },
  },
  hooks: {},
};

export default config;
