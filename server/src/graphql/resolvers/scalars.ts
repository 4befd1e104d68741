import { GraphQLScalarType, Kind } from 'graphql';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

function parse(value: unknown): string {
  if (typeof value !== 'string' || !ISO.test(value) || Number.isNaN(Date.parse(value))) {
    throw new TypeError('DateTime must be an ISO-8601 UTC string such as 2026-11-24T09:30:00.000Z');
  }
  return new Date(value).toISOString();
}

/**
 * ISO-8601 UTC strings in and out; resolvers hand it ISO strings already. The description must
 * repeat the SDL's (a resolver scalar replaces the SDL one; the introspection test catches drift).
 */
export const DateTime = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'An ISO-8601 date-time in UTC, e.g. `2026-11-24T09:30:00.000Z`.',
  serialize: (value) => parse(value),
  parseValue: parse,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new TypeError('DateTime must be a string');
    return parse(ast.value);
  },
});
