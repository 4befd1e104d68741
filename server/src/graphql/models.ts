import type { Item } from '../providers/item-source.js';
import type { ConnectionKey, StoredConnection } from '../store/index.js';
import type { Connection, Credentials, IntegrationItem } from './generated/resolvers-types.js';
import { providerEnum } from './provider-enum.js';

/**
 * `IntegrationItem` resolves from the providers' `Item` (codegen.ts maps it): the two shapes must
 * stay the same, field for field, or this does not compile.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const itemMatchesSchema: Same<Item, Omit<IntegrationItem, '__typename'>> = true;
void itemMatchesSchema;

/** What `credentials` hands to field resolvers: the public fields plus the key they belong to. */
export type CredentialsModel = Omit<Credentials, 'accessToken'> & { key: ConnectionKey };

/** A stored connection as the API shows it: status and account, never a token. */
export function credentialsModel(connection: StoredConnection): CredentialsModel {
  const { provider } = connection;
  return {
    key: { orgId: connection.orgId, userId: connection.userId, provider },
    provider: providerEnum(provider),
    status: connection.status,
    account: connection.account,
    scopes: connection.scopes,
    connectedAt: new Date(connection.connectedAt).toISOString(),
    expiresAt: connection.accessTokenExpiresAt === null ? null : new Date(connection.accessTokenExpiresAt).toISOString(),
  };
}

/** A stored connection as `connections` lists it: whose, which account, status; never a token. */
export function connectionModel(connection: StoredConnection): Connection {
  const { provider, status, account, scopes, connectedAt, expiresAt } = credentialsModel(connection);
  return { provider, status, account, orgId: connection.orgId, userId: connection.userId, scopes, connectedAt, expiresAt };
}
