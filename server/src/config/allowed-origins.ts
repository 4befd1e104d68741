import type { Config } from './env.js';

type Origins = Pick<Config, 'allowedOrigins'>;

/**
 * The one rule for the page origins this server trusts (ALLOWED_ORIGINS): an origin is allowed
 * when it is exactly one of the configured `scheme://host[:port]` strings (env.ts refuses any
 * other form at start-up). CORS, `connect` (the calling page and `returnTo`), `createSession`'s
 * origin claim, the OAuth callback (where its result may go) and `confirmConnect` all ask here.
 */
export function isAllowedOrigin(config: Origins, origin: string | null | undefined): origin is string {
  return typeof origin === 'string' && config.allowedOrigins.includes(origin);
}

/** The origin of `url` when it is an absolute http(s) URL on an allowed origin; null for anything else. */
export function allowedOriginOf(config: Origins, url: string): string | null {
  if (!URL.canParse(url)) return null;
  const { protocol, origin } = new URL(url);
  return /^https?:$/.test(protocol) && isAllowedOrigin(config, origin) ? origin : null;
}
