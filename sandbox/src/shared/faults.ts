import { z } from 'zod';
import { Prng } from './prng.js';
import type { ProviderName } from './types.js';

export const FAULT_KINDS = ['rate_limit', 'server_error', 'delay', 'timeout', 'expired_token', 'revoked_grant', 'other_account'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * One fault rule. `count` = the next N matching requests; `rate` = that share of matching requests
 * (drawn from the sandbox's seeded PRNG, so runs repeat); neither = every matching request until cleared.
 */
export interface FaultSpec {
  provider: ProviderName;
  kind: FaultKind;
  /** server_error only; default 500. */
  status?: 500 | 502 | 503 | 504;
  /** delay only: milliseconds before the request is handled normally. */
  delayMs?: number;
  /**
   * rate_limit only: which limit the 429 says was hit, in the provider's words. HubSpot
   * `policyName`: `TEN_SECONDLY_ROLLING` (default), `DAILY`, or `SECONDLY` (the search limit, named
   * only by its message); Notion `additional_data.rate_limit_reason`: `public_api_request_rate_limit`
   * (default), `public_api_request_blocked`, …; Airtable has one kind.
   */
  policy?: string;
  rate?: number;
  count?: number;
  /** Only requests whose path starts with this, e.g. '/crm/v3/objects/deals' or '/oauth2/v1/token'. */
  pathPrefix?: string;
}

export interface FaultRule extends FaultSpec {
  id: string;
  /** How many times it fired so far. */
  fired: number;
}

export interface FaultControl {
  inject(spec: FaultSpec): string;
  remove(id: string): boolean;
  clear(provider?: ProviderName): void;
  list(provider?: ProviderName): FaultRule[];
}

export const faultSpecSchema = z.object({
  provider: z.enum(['hubspot', 'airtable', 'notion']),
  kind: z.enum(FAULT_KINDS),
  status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).optional(),
  delayMs: z.number().int().min(0).max(600_000).optional(),
  policy: z
    .string()
    .regex(/^[A-Za-z_]{1,64}$/)
    .optional(),
  rate: z.number().min(0).max(1).optional(),
  count: z.number().int().min(1).optional(),
  pathPrefix: z.string().startsWith('/').optional(),
});

export class FaultRegistry implements FaultControl {
  private rules: FaultRule[] = [];
  private nextId = 1;
  private readonly prng: Prng;

  constructor(seed: number) {
    this.prng = new Prng(seed ^ 0x5eed_fa17);
  }

  inject(spec: FaultSpec): string {
    const parsed = faultSpecSchema.parse(spec);
    const id = `fault_${this.nextId++}`;
    this.rules.push({ ...parsed, id, fired: 0 });
    return id;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  clear(provider?: ProviderName): void {
    this.rules = provider ? this.rules.filter((r) => r.provider !== provider) : [];
  }

  list(provider?: ProviderName): FaultRule[] {
    return this.rules.filter((r) => !provider || r.provider === provider).map((r) => ({ ...r }));
  }

  /** Picks the fault (if any) for one request and books it; exhausted `count` rules disappear. */
  take(provider: ProviderName, path: string): FaultRule | undefined {
    for (const rule of this.rules) {
      if (rule.provider !== provider) continue;
      if (rule.pathPrefix && !path.startsWith(rule.pathPrefix)) continue;
      if (rule.rate !== undefined && this.prng.next() >= rule.rate) continue;
      rule.fired++;
      if (rule.count !== undefined && rule.fired >= rule.count) this.remove(rule.id);
      return { ...rule };
    }
    return undefined;
  }
}
