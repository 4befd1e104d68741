import { z } from 'zod';
import { Prng } from './prng.js';

export const FAULT_KINDS = ['rate_limit', 'server_error', 'delay', 'timeout', 'expired_token', 'revoked_grant', 'other_account'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * One fault rule. `count` = the next N matching requests; `rate` = that share of matching requests
 * (drawn from the sandbox's seeded PRNG, so runs repeat); neither = every matching request until cleared.
 */
export interface FaultSpec<Id extends string = string> {
  provider: Id;
  kind: FaultKind;
  /** server_error only; default 500. */
  status?: 500 | 502 | 503 | 504;
  /** delay only: milliseconds before the request is handled normally. */
  delayMs?: number;
  /**
   * rate_limit only: which limit the 429 says was hit, in the provider's words (each simulator's
   * `rateLimited` response lists the ones it knows; docs/sandbox.md, "Fault injection").
   */
  policy?: string;
  rate?: number;
  count?: number;
  /** Only requests whose path starts with this, e.g. '/crm/v3/objects/deals' or '/oauth2/v1/token'. */
  pathPrefix?: string;
}

export interface FaultRule<Id extends string = string> extends FaultSpec<Id> {
  id: string;
  /** How many times it fired so far. */
  fired: number;
}

export interface FaultControl<Id extends string = string> {
  inject(spec: FaultSpec<Id>): string;
  remove(id: string): boolean;
  clear(provider?: Id): void;
  list(provider?: Id): Array<FaultRule<Id>>;
}

/** A fault spec for one of `providers` (the registry's ids). */
const faultSpecSchema = <Id extends string>(providers: readonly Id[]) =>
  z.object({
    provider: z.enum(providers),
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

export class FaultRegistry<Id extends string = string> implements FaultControl<Id> {
  private rules: Array<FaultRule<Id>> = [];
  private nextId = 1;
  private readonly prng: Prng;
  /** What `inject` accepts; the admin route reads specs with it too. */
  readonly specSchema: ReturnType<typeof faultSpecSchema<Id>>;

  constructor(seed: number, providers: readonly Id[]) {
    this.prng = new Prng(seed ^ 0x5eed_fa17);
    this.specSchema = faultSpecSchema(providers);
  }

  inject(spec: FaultSpec<Id>): string {
    const parsed = this.specSchema.parse(spec);
    const id = `fault_${this.nextId++}`;
    this.rules.push({ ...parsed, id, fired: 0 });
    return id;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  clear(provider?: Id): void {
    this.rules = provider ? this.rules.filter((r) => r.provider !== provider) : [];
  }

  list(provider?: Id): Array<FaultRule<Id>> {
    return this.rules.filter((r) => !provider || r.provider === provider).map((r) => ({ ...r }));
  }

  /** Picks the fault (if any) for one request and books it; exhausted `count` rules disappear. */
  take(provider: string, path: string): FaultRule<Id> | undefined {
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
