import type { SimulatorOptions, SimulatorSettings } from '../module.js';
import type { SharedSettings } from '../shared/runtime.js';
import type { ClientCredentials } from '../shared/types.js';

/** Obviously fake, shaped like Notion's: a UUID client id, a `secret_` secret with `_` and `.` (Q1). */
export const DEFAULT_CLIENT: ClientCredentials = {
  clientId: '5a4db0c5-0000-4000-8000-000000a0710e',
  clientSecret: 'secret_sandbox_notion.not-real',
};

export interface NotionLimit {
  perMinute: number;
  /** Default 60,000. */
  windowMs?: number;
}

/** 180 requests per minute per connection, the floor of every plan (fact sheet 3.4). */
export const PUBLISHED_LIMIT: Required<NotionLimit> = { perMinute: 180, windowMs: 60_000 };

export interface NotionOptions extends SimulatorOptions {
  size?: {
    /** Items of the default workspace; default 2,000 (40 with `dataSize: 'small'`). */
    items?: number;
  };
  /** Per connection; `true` the published one, `false` none. Default: `rateLimits`. */
  limits?: NotionLimit | boolean;
  /**
   * Results one search query returns at most; past it the last page says has_more false and
   * request_status incomplete (Q10). Default 10,000, the SDK's documented default for queries.
   */
  searchResultLimit?: number;
}

export interface NotionSettings extends SimulatorSettings {
  size: Required<NonNullable<NotionOptions['size']>>;
  limits: Required<NotionLimit> | false;
  searchResultLimit: number;
}

export function resolveNotionOptions(options: NotionOptions = {}, shared: SharedSettings): NotionSettings {
  const limits = options.limits ?? shared.rateLimits;
  return {
    port: options.port ?? 0,
    client: options.client ?? DEFAULT_CLIENT,
    size: { items: options.size?.items ?? (shared.dataSize === 'small' ? 40 : 2_000) },
    limits:
      typeof limits === 'boolean'
        ? limits && PUBLISHED_LIMIT
        : { perMinute: limits.perMinute, windowMs: limits.windowMs ?? PUBLISHED_LIMIT.windowMs },
    searchResultLimit: options.searchResultLimit ?? 10_000,
  };
}
