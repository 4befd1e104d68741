/** Who a connection belongs to: one user of one organization of the host application. */
export interface Identity {
  orgId: string;
  userId: string;
}

/**
 * Every name derived from an identity, built here and nowhere else (a test greps the sources for
 * template strings that mention orgId or userId elsewhere).
 *
 * Encoding: a fixed kind tag, then each part percent-encoded (encodeURIComponent) and joined with
 * `:`. encodeURIComponent always encodes `:`, `{`, `}` and `%`, so a name splits back into exactly
 * one list of parts: `acme` + `team:alice` and `acme:team` + `alice` can never share a name, and a
 * part can never close a Redis Cluster hash tag early. Parts must be well-formed Unicode (the
 * identity schema refuses lone surrogates, which encodeURIComponent cannot encode).
 */
const encode = (...parts: readonly string[]) => parts.map(encodeURIComponent).join(':');
const tagged = (kind: string, ...parts: readonly string[]) => `${kind}:${encode(...parts)}`;

export const identityNames = {
  /** Store key of the sealed connection; the `{...}` hash tag keeps it on one Cluster slot. */
  connectionKey: (identity: Identity, provider: string) => `{${tagged('conn', identity.orgId, identity.userId, provider)}}`,
  /** The connection's outbox of events: the connection's hash tag, so one atomic step writes both. */
  connectionOutbox: (identity: Identity, provider: string) => `{${tagged('conn', identity.orgId, identity.userId, provider)}}:outbox`,
  /**
   * A connection as a member of the connections index and of the outbox's pending set: ordered by
   * org, then user, then provider (byte-wise), and read back with `connectionOfMember`.
   */
  connectionMember: (identity: Identity, provider: string) => tagged('conn', identity.orgId, identity.userId, provider),
  /** The index of one organization's connections (a sorted set on its own slot). */
  connectionIndexByOrg: (orgId: string) => `{${tagged('conn-index-org', orgId)}}`,
  /** The index of one user's connections. */
  connectionIndexByUser: (identity: Identity) => `{${tagged('conn-index-user', identity.orgId, identity.userId)}}`,
  /**
   * Additional authenticated data of a `connections` cursor: it opens only for the same filters. An
   * absent filter is `*`, a present one `=value` (encoded), so absent and any value never meet.
   */
  connectionListCursorBinding: (filter: { orgId?: string; userId?: string; provider?: string }) =>
    tagged('conn-list-cursor', ...[filter.orgId, filter.userId, filter.provider].map((part) => (part === undefined ? '*' : `=${part}`))),
  /** The cross-process refresh lease of one connection (the lock store adds its own key around it). */
  refreshLease: (identity: Identity, provider: string) => tagged('refresh', identity.orgId, identity.userId, provider),
  /** The in-process single-flight map of refreshes. */
  refreshInFlight: (identity: Identity, provider: string) => tagged('inflight', identity.orgId, identity.userId, provider),
  /** `connect` attempts per identity (rate limit counter). */
  connectLimit: (identity: Identity) => tagged('connect', identity.orgId, identity.userId),
  /** `load` runs started per identity (rate limit counter). */
  loadRunLimit: (identity: Identity) => tagged('load-runs', identity.orgId, identity.userId),
  /** Bytes of load scratch data written per identity (memory budget counter). */
  scratchBudget: (identity: Identity) => tagged('scratch-bytes', identity.orgId, identity.userId),
  /** One value of a load run's scratch space: all values of a run share its hash tag (one slot). */
  scratchKey: (identity: Identity, provider: string, run: string, name: string) =>
    `{${tagged('load', identity.orgId, identity.userId, provider, run)}}:${encodeURIComponent(name)}`,
  /** Additional authenticated data of a load cursor: it opens only for this identity and provider. */
  cursorBinding: (identity: Identity, provider: string) => tagged('load-cursor', identity.orgId, identity.userId, provider),
  /** What a log line's pseudonym of the identity is a keyed hash of (logging/pseudonym.ts): never logged itself. */
  logSubject: (identity: Identity) => tagged('log', identity.orgId, identity.userId),
} as const;

export type IdentityNameKind = keyof typeof identityNames;

/** The connection a `connectionMember` names, or null for anything else. */
export function connectionOfMember(member: string): (Identity & { provider: string }) | null {
  const parts = member.split(':');
  if (parts.length !== 4 || parts[0] !== 'conn') return null;
  try {
    const [orgId, userId, provider] = parts.slice(1).map(decodeURIComponent) as [string, string, string];
    return { orgId, userId, provider };
  } catch {
    return null;
  }
}
