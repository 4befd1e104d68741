/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type ConnectAttemptStatus =
  /**
   * The user approved and the grant was exchanged, but it is not a connection yet: it waits (a few
   * minutes) for the page that asked to call `confirmConnect` with the confirmation that only the
   * consenting browser received. Keep polling: it becomes CONNECTED, FAILED (`FORBIDDEN`: the grant was
   * discarded) or EXPIRED.
   */
  | 'AWAITING_CONFIRMATION'
  /** The user approved and the connection is stored. */
  | 'CONNECTED'
  /** The user declined at the provider. */
  | 'DENIED'
  /** The attempt was not completed in time. */
  | 'EXPIRED'
  /** The attempt failed; see `errorCode`. */
  | 'FAILED'
  /** Waiting for the user at the provider's consent page. */
  | 'PENDING';

/**
 * Where the consent page is shown, which decides how the callback hands over its one-time
 * confirmation (see `confirmConnect`).
 */
export type ConnectDisplay =
  /**
   * A popup opened by the page that called `connect`: the callback posts the confirmation to that page's
   * origin only. When the popup has lost its opener (a `Cross-Origin-Opener-Policy` on the host page),
   * or nobody at that origin took the message, the popup continues to `returnTo` (with `ic_attempt` and
   * `ic_confirmation`) if one was given.
   */
  | 'POPUP'
  /** The current tab: the callback sends the browser back to `returnTo` with `ic_attempt` and `ic_confirmation`. */
  | 'REDIRECT';

export type ConnectionStatus =
  /** The stored grant works (tokens are refreshed by the server as needed). */
  | 'CONNECTED'
  /** The provider rejected the stored grant; the user must connect again. */
  | 'RECONNECT_REQUIRED';

/** The stable error codes found in `errors[].extensions.code`. */
export type ErrorCode =
  /** An argument is malformed or out of range (see the message). */
  | 'BAD_USER_INPUT'
  /** The identity may not do this (another tenant, a provider not allowed for the session, a non-admin asking for a token). */
  | 'FORBIDDEN'
  /** The request is not valid GraphQL. */
  | 'GRAPHQL_PARSE_FAILED'
  /** The request does not match the schema (unknown field, wrong type, too deep or too complex). */
  | 'GRAPHQL_VALIDATION_FAILED'
  /** Anything unexpected. Details are logged on the server, never sent to the client. */
  | 'INTERNAL_SERVER_ERROR'
  /** There is no connection for this identity and provider. */
  | 'NOT_CONNECTED'
  /** The feature exists in the schema but is not implemented by this server version. */
  | 'NOT_IMPLEMENTED'
  /** The provider answered with an error (its message is passed on; never its tokens). */
  | 'PROVIDER_ERROR'
  /** The provider has no client credentials configured on this server. */
  | 'PROVIDER_NOT_CONFIGURED'
  /**
   * The provider kept rate limiting after every retry, or its rate limit for this connection stays used
   * up for longer than the server may wait (`load`'s `maxWaitSeconds`, at most PROVIDER_QUEUE_MAX_MS).
   * `extensions.provider` names the provider, and `extensions.retryAfterSeconds`, when known, says when
   * the budget frees up: wait that long, then ask again with the same cursor.
   */
  | 'PROVIDER_RATE_LIMITED'
  /** Too many requests to this server from this identity or address. */
  | 'RATE_LIMITED'
  /** The connection exists but the provider revoked or expired its grant: connect again. */
  | 'RECONNECT_REQUIRED'
  /** The store (Redis) cannot be reached right now; retry later. */
  | 'STORE_UNAVAILABLE'
  /** No usable identity: a session token is missing, expired or invalid. */
  | 'UNAUTHENTICATED';

/**
 * Who a connection belongs to: one user of one organization of the host application.
 * In `AUTH_MODE=signed` the identity comes from the session token instead, and this argument may be omitted.
 */
export type IdentityInput = {
  orgId: string;
  userId: string;
};

/** The providers this product can connect. */
export type Provider =
  | 'AIRTABLE'
  | 'HUBSPOT'
  | 'NOTION';

export type ProvidersQueryVariables = Exact<{ [key: string]: never; }>;


export type ProvidersQuery = { providers: Array<{ id: Provider, displayName: string, configured: boolean, sandbox: boolean }> };

export type CredentialsQueryVariables = Exact<{
  provider: Provider;
  identity?: IdentityInput | null | undefined;
}>;


export type CredentialsQuery = { credentials: { provider: Provider, status: ConnectionStatus, connectedAt: string, account: { id: string, name: string | null } } | null };

export type ConnectionsQueryVariables = Exact<{
  orgId?: string | null | undefined;
  userId?: string | null | undefined;
}>;


export type ConnectionsQuery = { connections: { edges: Array<{ node: { provider: Provider, status: ConnectionStatus } }> } };

export type ConnectAttemptQueryVariables = Exact<{
  id: string | number;
}>;


export type ConnectAttemptQuery = { connectAttempt: { status: ConnectAttemptStatus, errorCode: ErrorCode | null } | null };

export type LoadQueryVariables = Exact<{
  provider: Provider;
  identity?: IdentityInput | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  maxWaitSeconds?: number | null | undefined;
}>;


export type LoadQuery = { load: { incomplete: boolean, totalCount: number | null, edges: Array<{ node: { id: string, type: string, directory: boolean, parentPathOrName: string | null, parentId: string | null, name: string, lastModifiedTime: string | null, url: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConnectMutationVariables = Exact<{
  provider: Provider;
  identity?: IdentityInput | null | undefined;
  returnTo?: string | null | undefined;
  display?: ConnectDisplay | null | undefined;
}>;


export type ConnectMutation = { connect: { authorizationUrl: string, attemptId: string, expiresAt: string } };

export type ConfirmConnectMutationVariables = Exact<{
  attemptId: string | number;
  confirmation: string;
  identity?: IdentityInput | null | undefined;
}>;


export type ConfirmConnectMutation = { confirmConnect: { provider: Provider, status: ConnectionStatus, connectedAt: string, account: { id: string, name: string | null } } };

export type DisconnectMutationVariables = Exact<{
  provider: Provider;
  identity?: IdentityInput | null | undefined;
}>;


export type DisconnectMutation = { disconnect: boolean };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const ProvidersDocument = new TypedDocumentString(`
    query Providers {
  providers {
    id
    displayName
    configured
    sandbox
  }
}
    `) as unknown as TypedDocumentString<ProvidersQuery, ProvidersQueryVariables>;
export const CredentialsDocument = new TypedDocumentString(`
    query Credentials($provider: Provider!, $identity: IdentityInput) {
  credentials(provider: $provider, identity: $identity) {
    provider
    status
    account {
      id
      name
    }
    connectedAt
  }
}
    `) as unknown as TypedDocumentString<CredentialsQuery, CredentialsQueryVariables>;
export const ConnectionsDocument = new TypedDocumentString(`
    query Connections($orgId: String, $userId: String) {
  connections(orgId: $orgId, userId: $userId, first: 100) {
    edges {
      node {
        provider
        status
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConnectionsQuery, ConnectionsQueryVariables>;
export const ConnectAttemptDocument = new TypedDocumentString(`
    query ConnectAttempt($id: ID!) {
  connectAttempt(id: $id) {
    status
    errorCode
  }
}
    `) as unknown as TypedDocumentString<ConnectAttemptQuery, ConnectAttemptQueryVariables>;
export const LoadDocument = new TypedDocumentString(`
    query Load($provider: Provider!, $identity: IdentityInput, $first: Int, $after: String, $maxWaitSeconds: Int) {
  load(
    provider: $provider
    identity: $identity
    first: $first
    after: $after
    maxWaitSeconds: $maxWaitSeconds
  ) {
    edges {
      node {
        id
        type
        directory
        parentPathOrName
        parentId
        name
        lastModifiedTime
        url
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
    incomplete
    totalCount
  }
}
    `) as unknown as TypedDocumentString<LoadQuery, LoadQueryVariables>;
export const ConnectDocument = new TypedDocumentString(`
    mutation Connect($provider: Provider!, $identity: IdentityInput, $returnTo: String, $display: ConnectDisplay) {
  connect(
    provider: $provider
    identity: $identity
    returnTo: $returnTo
    display: $display
  ) {
    authorizationUrl
    attemptId
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<ConnectMutation, ConnectMutationVariables>;
export const ConfirmConnectDocument = new TypedDocumentString(`
    mutation ConfirmConnect($attemptId: ID!, $confirmation: String!, $identity: IdentityInput) {
  confirmConnect(
    attemptId: $attemptId
    confirmation: $confirmation
    identity: $identity
  ) {
    provider
    status
    account {
      id
      name
    }
    connectedAt
  }
}
    `) as unknown as TypedDocumentString<ConfirmConnectMutation, ConfirmConnectMutationVariables>;
export const DisconnectDocument = new TypedDocumentString(`
    mutation Disconnect($provider: Provider!, $identity: IdentityInput) {
  disconnect(provider: $provider, identity: $identity)
}
    `) as unknown as TypedDocumentString<DisconnectMutation, DisconnectMutationVariables>;