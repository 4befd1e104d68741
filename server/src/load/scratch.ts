import type { z } from 'zod';
import type { KeyValueStore } from '../store/index.js';
import type { Json, Scratch } from './types.js';

/**
 * A load run's scratch space: one store key per name, all under the run's hash tag (one Redis
 * Cluster slot), all expiring with the run. Reads of many names go out concurrently (ioredis
 * pipelines them on one connection). Server memory holds only what one page asks for.
 */
export class StoreScratch implements Scratch {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly run: string,
    private readonly ttlMs: number,
  ) {}

  #key(name: string) {
    return `{load:${this.run}}:${encodeURIComponent(name)}`;
  }

  async get<T extends z.ZodType>(name: string, schema: T): Promise<z.output<T> | null> {
    const raw = await this.kv.get(this.#key(name));
    if (raw === null) return null;
    const parsed = schema.safeParse(JSON.parse(raw));
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
    await this.kv.set(this.#key(name), JSON.stringify(value), { ttlMs: this.ttlMs });
  }

  async setMany(entries: ReadonlyArray<readonly [string, Json]>): Promise<void> {
    await Promise.all(entries.map(([name, value]) => this.set(name, value)));
  }
}
