import { connectionOfMember, identityNames } from '../auth/identity.js';
import { providerIdSchema, type ProviderId } from '../providers/registry.js';
import type { KeyValueStore } from './key-value-store.js';
import { keys } from './keys.js';

/** Who a connection belongs to and to which provider (the parts of its key). */
export interface IndexedConnection {
  orgId: string;
  userId: string;
  provider: ProviderId;
}

/** What a listing may narrow to; absent parts match everything. */
export interface ConnectionFilter {
  orgId?: string;
  userId?: string;
  provider?: ProviderId;
  /** Only these providers (a session limited to some). */
  providers?: readonly ProviderId[];
}

/** The connection an index (or pending-set) member names; null for anything else, a provider the registry lacks included. */
export function indexedConnectionOf(member: string): IndexedConnection | null {
  const named = connectionOfMember(member);
  const provider = providerIdSchema.safeParse(named?.provider);
  return named && provider.success ? { ...named, provider: provider.data } : null;
}

/** Members read per round trip while a page looks for matches. */
const CHUNK = 100;

const matches = (filter: ConnectionFilter, connection: IndexedConnection) =>
  (filter.orgId === undefined || filter.orgId === connection.orgId) &&
  (filter.userId === undefined || filter.userId === connection.userId) &&
  (filter.provider === undefined || filter.provider === connection.provider) &&
  (filter.providers === undefined || filter.providers.includes(connection.provider));

/**
 * Which connections exist, for listing without SCAN: three sorted sets of `connectionMember`s (all,
 * per organization, per user), every member at score 0, so Redis orders them byte-wise and a page
 * continues after its last member (ZRANGEBYLEX, exclusive). Each set is one key on its own slot, so
 * Redis Cluster needs nothing more. The narrowest set a filter allows is paged; the rest of the
 * filter (a provider, a user without an org) is applied while paging.
 *
 * The index only says where to look: a listing reads each record and skips members whose record is
 * gone. Adding and removing are idempotent; the outbox relay re-applies every change from the
 * record's current state, so a crash between a write and its index update is repaired.
 */
export class ConnectionIndex {
  constructor(private readonly kv: KeyValueStore) {}

  #setsOf(connection: IndexedConnection): string[] {
    return [keys.connectionIndex, identityNames.connectionIndexByOrg(connection.orgId), identityNames.connectionIndexByUser(connection)];
  }

  #setFor(filter: ConnectionFilter): string {
    if (filter.orgId !== undefined && filter.userId !== undefined)
      return identityNames.connectionIndexByUser({ orgId: filter.orgId, userId: filter.userId });
    if (filter.orgId !== undefined) return identityNames.connectionIndexByOrg(filter.orgId);
    return keys.connectionIndex;
  }

  async add(connection: IndexedConnection): Promise<void> {
    const member = identityNames.connectionMember(connection, connection.provider);
    await Promise.all(this.#setsOf(connection).map((set) => this.kv.sortedAdd(set, member)));
  }

  async remove(connection: IndexedConnection): Promise<void> {
    const member = identityNames.connectionMember(connection, connection.provider);
    await Promise.all(this.#setsOf(connection).map((set) => this.kv.sortedRemove(set, member)));
  }

  /** Brings the index in line with whether the record exists. */
  async sync(connection: IndexedConnection, exists: boolean): Promise<void> {
    await (exists ? this.add(connection) : this.remove(connection));
  }

  /**
   * Matching members after `after` (exclusive), in index order, a chunk at a time: the caller stops
   * reading when its page is full. `after` is a member as `connectionMember` builds it.
   */
  async *matching(
    filter: ConnectionFilter,
    after: string | null,
  ): AsyncGenerator<Array<{ member: string; connection: IndexedConnection }>> {
    const set = this.#setFor(filter);
    let position = after;
    for (;;) {
      const members = await this.kv.sortedRangeByLex(set, position, CHUNK);
      const found = members.flatMap((member) => {
        const connection = indexedConnectionOf(member);
        return connection && matches(filter, connection) ? [{ member, connection }] : [];
      });
      if (found.length) yield found;
      if (members.length < CHUNK) return;
      position = members[members.length - 1]!;
    }
  }
}
