import { ProxyError } from './errors.js';

const CONTROL = /\p{Cc}/u;
/** `https:`, `javascript:`, `c:`: anything a URL parser would read as a scheme. */
const SCHEME = /^[a-z][a-z\d+.-]*:/i;
/** `.` and `..`, also with the `;param` some servers strip before resolving them (Tomcat's `..;`). */
const DOT_SEGMENT = /^\.{1,2}(;|$)/;
/** Percent-encoding layers looked through: `%252e%252e` is `..` for a server that decodes twice. */
const MAX_DECODE_DEPTH = 4;
export const MAX_QUERY_LENGTH = 8_192;

const refuse = (why: string): never => {
  throw new ProxyError(400, 'BAD_USER_INPUT', `The proxied path is refused: ${why}.`);
};

/**
 * Checks every decoding of `path` (the part after `/proxy/<provider>/`, as sent) for anything that
 * could leave the provider's API: a scheme or a leading `/` (an absolute or scheme-relative URL),
 * dot segments, backslashes (a `/` to WHATWG parsers and to some servers), control characters
 * (CR/LF header injection, NUL), userinfo in the first segment, malformed percent-encoding.
 */
function refuseHostilePath(path: string): void {
  if (path === '') refuse('a path after the provider is required');
  let layer = path;
  for (let depth = 0; depth <= MAX_DECODE_DEPTH; depth++) {
    if (CONTROL.test(layer)) refuse('it contains control characters');
    if (layer.includes('\\')) refuse('it contains a backslash');
    if (layer.startsWith('/')) refuse('it starts with "/" (a scheme-relative URL)');
    if (SCHEME.test(layer)) refuse('it is an absolute URL');
    const segments = layer.split('/');
    if (segments.some((segment) => DOT_SEGMENT.test(segment))) refuse('it contains "." or ".." segments');
    if (segments[0]?.includes('@')) refuse('its first segment contains "@" (userinfo)');
    let decoded: string;
    try {
      decoded = decodeURIComponent(layer);
    } catch {
      return refuse('malformed percent-encoding');
    }
    if (decoded === layer) return;
    layer = decoded;
  }
  refuse('it is percent-encoded too many times over');
}

function refuseHostileQuery(query: string): void {
  if (query.length > MAX_QUERY_LENGTH) throw new ProxyError(414, 'BAD_USER_INPUT', 'The query string is too long.');
  if (CONTROL.test(query) || query.includes('#') || query.includes(' '))
    refuse('the query string contains control characters, spaces or "#"');
}

/**
 * The one origin and path prefix a provider's proxied calls may reach: its configured API base
 * URL (the same `apiUrl` loads use), parsed once. `resolve` builds the final URL with the WHATWG
 * parser and checks it again: same origin, under the base path, no userinfo, no fragment.
 */
export class ProxyTarget {
  readonly #origin: string;
  readonly #prefix: string;

  constructor(apiUrl: string) {
    const base = new URL(apiUrl);
    this.#origin = base.origin;
    this.#prefix = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  }

  /** `path` and `query` exactly as the caller sent them (still percent-encoded, no leading `/` or `?`). */
  resolve(path: string, query: string): URL {
    refuseHostilePath(path);
    refuseHostileQuery(query);
    const url = new URL(`${this.#origin}${this.#prefix}${path}${query ? `?${query}` : ''}`);
    if (url.origin !== this.#origin || !url.pathname.startsWith(this.#prefix) || url.username || url.password || url.hash) {
      refuse("it leaves the provider's API");
    }
    return url;
  }
}
