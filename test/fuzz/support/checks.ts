import { ERROR_CODES } from './schema.js';
import type { RawResponse } from './http.js';

/** Signs of an internal leak: a V8 stack frame, a source path, Apollo's stacktrace extension. */
// Linear-time patterns only: bodies echo 100 kB inputs, and a backtracking pattern here would
// stall the event loop the server shares with this test.
const LEAK_PATTERNS: ReadonlyArray<[string, RegExp]> = [
  // A V8 frame, raw or inside a JSON string ("\n    at fn (file:1:2)").
  ['stack frame', /(?:\n|\\n) {2,}at \S/],
  ['source location', /\.(?:ts|js|mjs|cjs):\d+:\d+\)?/],
  ['node_modules path', /node_modules[\\/]/],
  ['stacktrace extension', /"stacktrace"\s*:/i],
  ['exception extension', /"exception"\s*:/i],
];

export interface CheckOptions {
  /** Strings that must never appear in any response (secrets, tokens, keys). */
  secrets: readonly string[];
}

/** What every response must satisfy, whatever the input: no 5xx, no leak, no secret. */
export function checkCommon(response: RawResponse, options: CheckOptions): string[] {
  const problems: string[] = [];
  if (response.status >= 500) problems.push(`status ${response.status}`);
  if (response.status === 0) problems.push('no status');
  for (const [name, pattern] of LEAK_PATTERNS) if (pattern.test(response.body)) problems.push(`${name} in body`);
  const headerText = JSON.stringify(response.headers);
  for (const secret of options.secrets) {
    if (response.body.includes(secret) || headerText.includes(secret)) problems.push(`secret ${secret.slice(0, 4)}… leaked`);
  }
  return problems;
}

/**
 * /graphql answers either a GraphQL result whose every error carries a code from `enum ErrorCode`
 * in the SDL, or (when the HTTP layer refuses the request before GraphQL runs: body too large,
 * not JSON, wrong method) a 4xx.
 */
export function checkGraphQL(response: RawResponse, options: CheckOptions): string[] {
  const problems = checkCommon(response, options);
  const type = String(response.headers['content-type'] ?? '');
  if (!type.includes('json')) {
    if (response.status < 400) problems.push(`non-JSON ${response.status} answer (${type})`);
    return problems;
  }
  let body: { data?: unknown; errors?: Array<{ extensions?: { code?: unknown } }> };
  try {
    body = JSON.parse(response.body) as typeof body;
  } catch {
    return [...problems, 'JSON content type with an unparsable body'];
  }
  if (body === null || typeof body !== 'object') return [...problems, 'body is not an object'];
  if ('errors' in body) {
    if (!Array.isArray(body.errors) || body.errors.length === 0) problems.push('errors is not a non-empty array');
    for (const error of body.errors ?? []) {
      const code = error?.extensions?.code;
      if (typeof code !== 'string' || !ERROR_CODES.has(code)) problems.push(`error code ${JSON.stringify(code)} not in ErrorCode`);
    }
  } else if (!('data' in body)) {
    // The HTTP layer's own refusals ({ error, requestId }) are fine as long as they are 4xx.
    if (response.status < 400) problems.push(`${response.status} with neither data nor errors`);
  }
  return problems;
}

/**
 * The callback route answers its own page (200 or 400), a 303 back to an allowed origin, or a
 * plain 4xx. The page must run only its own nonce'd script: input never opens another element.
 */
export function checkCallback(response: RawResponse, options: CheckOptions & { allowedOrigins: readonly string[] }): string[] {
  const problems = checkCommon(response, options);
  if (response.status === 303) {
    const location = String(response.headers.location ?? '');
    let origin = '';
    try {
      origin = new URL(location).origin;
    } catch {
      problems.push(`unparsable Location ${location.slice(0, 80)}`);
    }
    if (origin && !options.allowedOrigins.includes(origin)) problems.push(`redirect to ${origin}`);
    return problems;
  }
  if (String(response.headers['content-type'] ?? '').startsWith('text/html')) {
    const scripts = response.body.match(/<script/gi)?.length ?? 0;
    if (scripts !== 1) problems.push(`${scripts} <script> elements in the callback page`);
    const tags = response.body.match(/<[a-z!/][^>]*>/gi) ?? [];
    const unexpected = tags.filter((tag) => !/^<\/?(?:!doctype html|html|head|meta|title|style|body|main|h1|p|script)[\s>]/i.test(tag));
    if (unexpected.length) problems.push(`unexpected markup ${unexpected[0]!.slice(0, 60)}`);
    if (!String(response.headers['content-security-policy'] ?? '').startsWith("default-src 'none'; script-src 'nonce-"))
      problems.push('page without its CSP');
  }
  return problems;
}
