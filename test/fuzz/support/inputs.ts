import fc from 'fast-check';
import type { InputShape } from './schema.js';

/** Strings an attacker (or a broken client) would send: injections of every kind the stack touches. */
export const HOSTILE_STRINGS: readonly string[] = [
  // SQL / NoSQL
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '" OR ""="',
  '1; SELECT pg_sleep(10)',
  '{"$gt": ""}',
  '{"$where": "sleep(1000)"}',
  '[$ne]=1',
  // Redis protocol and Lua (keys, scripts)
  '*1\r\n$8\r\nFLUSHALL\r\n',
  'FLUSHALL',
  '\r\nCONFIG SET dir /tmp\r\n',
  "redis.call('FLUSHALL')",
  "]] redis.call('DEL', KEYS[1]) --[[",
  '{conn:x}:state',
  'ic:*',
  '*',
  '?',
  '[a-z]',
  '\\x00',
  // CRLF and header injection
  'a\r\nSet-Cookie: owned=1',
  'x\r\n\r\nHTTP/1.1 200 OK\r\n',
  '%0d%0aLocation:%20http://evil.example',
  // HTML / script / template
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '</script><script>alert(1)</script>',
  'javascript:alert(1)',
  '{{7*7}}',
  '${7*7}',
  '<!--',
  ']]>',
  // Path traversal and URLs
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '/integrations/../graphql',
  'file:///etc/passwd',
  'http://localhost:3000/',
  'http://localhost:3000.evil.example/',
  'http://evil.example/',
  '//evil.example',
  'http://localhost:3000@evil.example/',
  'http://[::1]:6379/',
  'data:text/html,<script>alert(1)</script>',
  // Unicode: NUL, lone surrogates, RTL overrides, zero-width, BOM, non-characters, combining storms
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\ud83dy',
  '\u202eevil\u202c',
  '\u200f\u061c',
  '\u200b\u200d\ufeff',
  '\uffff\ufffe',
  'e\u0301\u0301\u0301\u0301\u0301',
  '𝕳𝖊𝖑𝖑𝖔',
  '👩‍👩‍👧‍👦',
  '\u2028\u2029',
  // Prototype pollution, JS oddities
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'NaN',
  'Infinity',
  '-0',
  'undefined',
  'null',
  'true',
  // Format strings and big numbers
  '%s%s%s%n',
  '%x%x%x',
  '1e309',
  '9007199254740993',
  '-2147483649',
  '0x7fffffff',
  // Empty-ish
  '',
  ' ',
  '\t\n',
  '   padded   ',
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const controlChar = fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code));
const bidi = fc.constantFrom('\u202a', '\u202b', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c');

/** Strings from everywhere: ASCII, any code point, lone surrogates, controls, bidi marks, hostile pieces, glued together. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), loneSurrogate, controlChar, bidi, fc.string({ unit: 'binary', maxLength: 6 })), {
        maxLength: 8,
      })
      .map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: fc.uuid() },
);

/** Large values, bounded so a run stays cheap: up to ~150 kB (the default body limit is 100 kB). */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(257, 1_025, 4_097, 8_193, 20_000, 120_000), fc.constantFrom('a', '\u0000', '\ud800', '𝕳', '<', '"', '\\', '%'))
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));

/** Any JSON value, including deep nesting and wrong types. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: anyString },
  {
    weight: 1,
    arbitrary: fc.constantFrom(0, -1, 1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, Number.MAX_VALUE, -0, true, false, null, [], {}, [null], {
      __proto__: null,
    }),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 200 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown) },
);

const INT_EDGES = [0, 1, -1, 2, 99, 100, 101, 199, 200, 201, 59, 60, 86_400, 86_401, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 53, 1.5, -0.0];

/**
 * Values for one argument of a declared type: mostly plausible (valid enums, near-boundary ints,
 * hostile strings of the right type), sometimes the wrong type or missing altogether.
 * `pool` holds strings the server actually knows (a connected identity, a live attempt id).
 */
export function valueFor(shape: InputShape, pool: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  const wrong = { weight: 1, arbitrary: anyJson };
  switch (shape.kind) {
    case 'nonNull':
      // A missing required value is one of the cases worth sending, so nothing is filtered out.
      return valueFor(shape.of, pool);
    case 'list':
      return fc.oneof(
        { weight: 4, arbitrary: fc.array(valueFor(shape.of, pool), { maxLength: 6 }) },
        { weight: 1, arbitrary: valueFor(shape.of, pool) },
        wrong,
        { weight: 1, arbitrary: fc.constant(null) },
      );
    case 'enum':
      return fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...shape.values) },
        { weight: 1, arbitrary: fc.constantFrom(...shape.values).map((value) => value.toLowerCase()) },
        wrong,
        { weight: 1, arbitrary: fc.constant(undefined) },
      );
    case 'object':
      return fc.oneof(
        {
          weight: 6,
          arbitrary: fc.record(Object.fromEntries(shape.fields.map((field) => [field.name, valueFor(field.shape, pool)])), {
            requiredKeys: [],
          }),
        },
        { weight: 1, arbitrary: fc.dictionary(anyString, anyJson, { maxKeys: 4 }) },
        wrong,
        { weight: 1, arbitrary: fc.constant(undefined) },
      );
    case 'scalar':
      switch (shape.name) {
        case 'Int':
          return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...INT_EDGES) }, { weight: 3, arbitrary: fc.integer() }, wrong, {
            weight: 1,
            arbitrary: fc.constant(undefined),
          });
        case 'Boolean':
          return fc.oneof({ weight: 4, arbitrary: fc.boolean() }, wrong);
        default:
          // String, ID, DateTime and any future custom scalar
          return fc.oneof(
            { weight: 4, arbitrary: anyString },
            { weight: 3, arbitrary: pool },
            { weight: 1, arbitrary: hugeString },
            { weight: 1, arbitrary: fc.integer() },
            wrong,
            { weight: 1, arbitrary: fc.constant(undefined) },
          );
      }
  }
}
