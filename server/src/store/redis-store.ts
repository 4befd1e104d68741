import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { StoreUnavailableError, type KeyValueStore, type SetOptions } from './key-value-store.js';
import type { RedisCapability, RedisClient, RedisClientOverrides } from './redis-capability.js';

// Lua keeps compare-and-X atomic without WATCH/MULTI round trips. One key each: Cluster-safe.
const COMPARE_AND_SET = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  if ARGV[3] ~= '' then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) else redis.call('SET', KEYS[1], ARGV[2]) end
  return 1
end
return 0`;
const COMPARE_AND_DELETE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

// The outbox step: the record and its outbox list share a hash tag, so this touches one slot.
const COMPARE_AND_SWAP_APPEND = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '1' then
  if current then return 0 end
elseif current ~= ARGV[2] then return 0 end
if ARGV[3] == '1' then redis.call('SET', KEYS[1], ARGV[4]) else redis.call('DEL', KEYS[1]) end
redis.call('RPUSH', KEYS[2], ARGV[5])
return 1`;
const SORTED_REMOVE_IF_SCORE = `
if tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1])) == tonumber(ARGV[2]) then return redis.call('ZREM', KEYS[1], ARGV[1]) end
return 0`;

const CLIENT_OPTIONS: RedisOptions = {
  lazyConnect: true,
  // Commands issued in the same tick share one write: under concurrency one syscall serves many requests.
  enableAutoPipelining: true,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 2_000,
  retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 1_000),
};

/**
 * KeyValueStore on Redis (or Redis Cluster) through ioredis. Commands fail fast while Redis is
 * down (no offline queue) so requests answer STORE_UNAVAILABLE instead of hanging; ioredis keeps
 * reconnecting in the background and the store recovers by itself.
 */
export class RedisStore implements KeyValueStore {
  readonly redis: RedisCapability;

  constructor(
    private readonly client: RedisClient,
    private readonly prefix = '',
  ) {
    this.redis = { client, prefix, duplicate: (overrides) => duplicate(client, overrides) };
  }

  static async connect(url: string, prefix = ''): Promise<RedisStore> {
    return RedisStore.#open(new Redis(url, CLIENT_OPTIONS), prefix, redactUrl(url));
  }

  /**
   * Redis Cluster (REDIS_CLUSTER_NODES). Every command touches one key and every key carries a
   * hash tag, so Lua scripts never span slots (no CROSSSLOT).
   */
  static async connectCluster(nodes: ReadonlyArray<{ host: string; port: number }>, prefix = '', password?: string): Promise<RedisStore> {
    const cluster = new Cluster([...nodes], {
      lazyConnect: true,
      enableAutoPipelining: true,
      enableOfflineQueue: false,
      clusterRetryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 1_000),
      redisOptions: { ...CLIENT_OPTIONS, lazyConnect: undefined, password },
    });
    return RedisStore.#open(cluster, prefix, nodes.map((n) => `${n.host}:${n.port}`).join(','));
  }

  static async #open(client: RedisClient, prefix: string, where: string): Promise<RedisStore> {
    // Without a listener ioredis prints every failed reconnect; health is reported by /readyz.
    client.on('error', () => {});
    try {
      await client.connect();
      await client.ping();
    } catch (error) {
      client.disconnect();
      throw new StoreUnavailableError(`Cannot reach Redis at ${where}`, { cause: error });
    }
    return new RedisStore(client, prefix);
  }

  async #run<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      throw new StoreUnavailableError('Redis command failed', { cause: error });
    }
  }

  #key(key: string) {
    return this.prefix + key;
  }

  get(key: string) {
    return this.#run(() => this.client.get(this.#key(key)));
  }

  set(key: string, value: string, options: SetOptions = {}) {
    return this.#run(async () => {
      const k = this.#key(key);
      const { ttlMs, onlyIfAbsent } = options;
      let reply: string | null;
      if (ttlMs !== undefined && onlyIfAbsent) reply = await this.client.set(k, value, 'PX', ttlMs, 'NX');
      else if (ttlMs !== undefined) reply = await this.client.set(k, value, 'PX', ttlMs);
      else if (onlyIfAbsent) reply = await this.client.set(k, value, 'NX');
      else reply = await this.client.set(k, value);
      return reply === 'OK';
    });
  }

  take(key: string) {
    return this.#run(() => this.client.getdel(this.#key(key)));
  }

  compareAndSet(key: string, expected: string, next: string, options: { ttlMs?: number } = {}) {
    return this.#run(async () => {
      const ttl = options.ttlMs === undefined ? '' : String(options.ttlMs);
      const reply = await this.client.eval(COMPARE_AND_SET, 1, this.#key(key), expected, next, ttl);
      return reply === 1;
    });
  }

  compareAndDelete(key: string, expected: string) {
    return this.#run(async () => (await this.client.eval(COMPARE_AND_DELETE, 1, this.#key(key), expected)) === 1);
  }

  delete(key: string) {
    return this.#run(async () => (await this.client.del(this.#key(key))) > 0);
  }

  compareAndSwapAppend(key: string, expected: string | null, next: string | null, append: { listKey: string; entry: string }) {
    return this.#run(async () => {
      const reply = await this.client.eval(
        COMPARE_AND_SWAP_APPEND,
        2,
        this.#key(key),
        this.#key(append.listKey),
        expected === null ? '1' : '0',
        expected ?? '',
        next === null ? '0' : '1',
        next ?? '',
        append.entry,
      );
      return reply === 1;
    });
  }

  listHead(key: string, limit: number) {
    return this.#run(async () => (limit < 1 ? [] : this.client.lrange(this.#key(key), 0, limit - 1)));
  }

  listRemove(key: string, entry: string) {
    return this.#run(async () => (await this.client.lrem(this.#key(key), 1, entry)) > 0);
  }

  sortedAdd(key: string, member: string, score = 0) {
    return this.#run(async () => void (await this.client.zadd(this.#key(key), score, member)));
  }

  sortedRemove(key: string, member: string, onlyIfScore?: number) {
    return this.#run(async () =>
      onlyIfScore === undefined
        ? (await this.client.zrem(this.#key(key), member)) > 0
        : (await this.client.eval(SORTED_REMOVE_IF_SCORE, 1, this.#key(key), member, String(onlyIfScore))) === 1,
    );
  }

  sortedRangeByLex(key: string, after: string | null, limit: number) {
    return this.#run(() => this.client.zrangebylex(this.#key(key), after === null ? '-' : `(${after}`, '+', 'LIMIT', 0, limit));
  }

  sortedByScore(key: string, offset: number, limit: number) {
    return this.#run(async () => {
      if (limit < 1) return [];
      const flat = await this.client.zrange(this.#key(key), String(offset), String(offset + limit - 1), 'WITHSCORES');
      const result: Array<{ member: string; score: number }> = [];
      for (let i = 0; i + 1 < flat.length; i += 2) result.push({ member: flat[i]!, score: Number(flat[i + 1]) });
      return result;
    });
  }

  async ping() {
    await this.#run(() => this.client.ping());
  }

  async close() {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}

/** A new client to the same Redis or cluster, with `overrides` layered over the store's options. */
function duplicate(client: RedisClient, overrides: RedisClientOverrides): RedisClient {
  if (client instanceof Cluster) {
    const { maxRetriesPerRequest, ...rest } = overrides;
    return client.duplicate(undefined, {
      ...rest,
      ...(maxRetriesPerRequest === null ? { redisOptions: { ...client.options.redisOptions, maxRetriesPerRequest: null } } : {}),
    });
  }
  return client.duplicate(overrides);
}

/** Never log a Redis password. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(invalid url)';
  }
}
