import type { z } from 'zod';
import { identityNames, type Identity } from '../auth/identity.js';
import type { Json } from '../providers/calls.js';
import type { Scratch } from '../providers/item-source.js';
import type { ProviderId } from '../providers/registry.js';
import type { KeyValueStore, SealedBox } from '../store/index.js';

/**
 * What Redis keeps per key besides the key and value bytes: 50-90 bytes by MEMORY USAGE on Redis 7
 * for values this small, plus the REDIS_KEY_PREFIX and the entry of the key's expiry.
 */
export const PER_KEY_OVERHEAD_BYTES = 128;

export interface ScratchOwner {
  identity: Identity;
  provider: ProviderId;
  run: string;
}

export interface ScratchBudget {
  spendScratch(identity: Identity, bytes: number): Promise<void>;
}

/**
 * A load run's scratch space: one store key per name, all under the run's hash tag (one Redis
 * Cluster slot), all expiring with the run. Values hold the user's data (names, paths), so they
 * are sealed like cursors, with the key as additional data: a value copied under another
 * identity's or run's key does not open. Every write is charged to the identity's byte budget
 * first. Reads of many names go out concurrently (ioredis pipelines them on one connection).
 * Server memory holds only what one page asks for.
 */
export class StoreScratch implements Scratch {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly box: SealedBox,
    private readonly budget: ScratchBudget,
    private readonly owner: ScratchOwner,
    private readonly ttlMs: number,
  ) {}

  #key(name: string) {
    return identityNames.scratchKey(this.owner.identity, this.owner.provider, this.owner.run, name);
  }

  async get<T extends z.ZodType>(name: string, schema: T): Promise<z.output<T> | null> {
    const key = this.#key(name);
    const sealed = await this.kv.get(key);
    if (sealed === null) return null;
    let raw: unknown;
    try {
      raw = JSON.parse(this.box.open(sealed, key));
    } catch {
      return null; // not ours (or tampered with): as good as absent
    }
    const parsed = schema.safeParse(raw);
    return parsed.success ? parsed.data : null;
  }

  async getMany<T extends z.ZodType>(names: readonly string[], schema: T): Promise<Map<string, z.output<T>>> {
    const unique = [...new Set(names)];
    const values = await Promise.all(unique.map((name) => this.get(name, schema)));
    const found = new Map<string, z.output<T>>();
    unique.forEach((name, i) => {
      const value = values[i];
      if (value !== null && value !== undefined) found.set(name, value);
    });
    return found;
  }

  async set(name: string, value: Json): Promise<void> {
    await this.setMany([[name, value]]);
  }

  async setMany(entries: ReadonlyArray<readonly [string, Json]>): Promise<void> {
    const sealed = entries.map(([name, value]) => {
      const key = this.#key(name);
      return [key, this.box.seal(JSON.stringify(value), key)] as const;
    });
    const bytes = sealed.reduce((sum, [key, value]) => sum + Buffer.byteLength(key) + value.length + PER_KEY_OVERHEAD_BYTES, 0);
    await this.budget.spendScratch(this.owner.identity, bytes);
    await Promise.all(sealed.map(([key, value]) => this.kv.set(key, value, { ttlMs: this.ttlMs })));
  }
}
