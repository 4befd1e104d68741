import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { CredentialsModel } from '../models.js';
import type { Item } from '../../providers/item-source.js';
import type { GraphQLContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 date-time in UTC, e.g. `2026-11-24T09:30:00.000Z`. */
  DateTime: { input: string; output: string; }
};

/** One run of the OAuth consent flow, readable from any server instance until it expires. */
export type ConnectAttempt = {
  __typename?: 'ConnectAttempt';
  /** Set when status is FAILED. */
  errorCode: Maybe<ErrorCode>;
  expiresAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  provider: Provider;
  status: ConnectAttemptStatus;
};

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

export type ConnectPayload = {
  __typename?: 'ConnectPayload';
  /** Read the outcome with `Query.connectAttempt(id)`. */
  attemptId: Scalars['ID']['output'];
  /** Open this URL (in a popup or the current tab) to show the provider's consent page. */
  authorizationUrl: Scalars['String']['output'];
  /** After this the attempt is void. */
  expiresAt: Scalars['DateTime']['output'];
};

/**
 * One user's connection to one provider, as the host's backend lists them (`Query.connections`).
 * Never carries a token.
 */
export type Connection = {
  __typename?: 'Connection';
  account: ProviderAccount;
  connectedAt: Scalars['DateTime']['output'];
  /** When the current access token expires (the server refreshes it); null when the provider sets no expiry. */
  expiresAt: Maybe<Scalars['DateTime']['output']>;
  orgId: Scalars['String']['output'];
  provider: Provider;
  /** Scopes granted by the user (empty for providers without scopes, e.g. Notion). */
  scopes: Array<Scalars['String']['output']>;
  status: ConnectionStatus;
  userId: Scalars['String']['output'];
};

export type ConnectionConnection = {
  __typename?: 'ConnectionConnection';
  edges: Array<ConnectionEdge>;
  /** `endCursor` continues this listing: it is bound to the filters that read it. */
  pageInfo: PageInfo;
};

export type ConnectionEdge = {
  __typename?: 'ConnectionEdge';
  /** Opaque; pass as `after` to continue after this connection, with the same filters. */
  cursor: Scalars['String']['output'];
  node: Connection;
};

/** What a connection event says about the connection (a webhook body's `data.status`). */
export type ConnectionEventStatus =
  | 'CONNECTED'
  | 'DISCONNECTED'
  | 'RECONNECT_REQUIRED';

export type ConnectionStatus =
  /** The stored grant works (tokens are refreshed by the server as needed). */
  | 'CONNECTED'
  /** The provider rejected the stored grant; the user must connect again. */
  | 'RECONNECT_REQUIRED';

/** What the widget may know about a connection. Never carries a token. */
export type Credentials = {
  __typename?: 'Credentials';
  /**
   * The live access token, refreshed first if near expiry. Only for server-side clients sending the
   * admin key (`X-Admin-Key`); FORBIDDEN for everyone else, so it never reaches a browser.
   */
  accessToken: Maybe<Scalars['String']['output']>;
  account: ProviderAccount;
  connectedAt: Scalars['DateTime']['output'];
  /** When the current access token expires (the server refreshes it); null when the provider sets no expiry. */
  expiresAt: Maybe<Scalars['DateTime']['output']>;
  provider: Provider;
  /** Scopes granted by the user (empty for providers without scopes, e.g. Notion). */
  scopes: Array<Scalars['String']['output']>;
  status: ConnectionStatus;
};

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

/** A webhook that was not accepted (2xx) within its attempts. Never carries the signing secret or a token. */
export type FailedWebhookDelivery = {
  __typename?: 'FailedWebhookDelivery';
  /** Tries in the last round (a redelivery starts a new round). */
  attempts: Scalars['Int']['output'];
  data: WebhookEventData;
  enqueuedAt: Scalars['DateTime']['output'];
  failedAt: Scalars['DateTime']['output'];
  /** The `webhook-id`: the event's id, the same on every try and on redelivery. */
  id: Scalars['ID']['output'];
  /** Why the last try failed, e.g. `HTTP 503` or `no answer within 10000 ms`. */
  lastError: Scalars['String']['output'];
  /** The receiver's HTTP status on the last try; null when it did not answer (timeout, refused connection). */
  lastStatus: Maybe<Scalars['Int']['output']>;
  /** When the connection changed. */
  timestamp: Scalars['DateTime']['output'];
  /** `connection.created`, `connection.deleted` or `connection.reconnect_required`. */
  type: Scalars['String']['output'];
};

export type FailedWebhookDeliveryConnection = {
  __typename?: 'FailedWebhookDeliveryConnection';
  edges: Array<FailedWebhookDeliveryEdge>;
  pageInfo: PageInfo;
};

export type FailedWebhookDeliveryEdge = {
  __typename?: 'FailedWebhookDeliveryEdge';
  cursor: Scalars['String']['output'];
  node: FailedWebhookDelivery;
};

/**
 * Who a connection belongs to: one user of one organization of the host application.
 * In `AUTH_MODE=signed` the identity comes from the session token instead, and this argument may be omitted.
 */
export type IdentityInput = {
  orgId: Scalars['String']['input'];
  userId: Scalars['String']['input'];
};

/**
 * One item of the user's data at the provider (a HubSpot contact, an Airtable table, a Notion page...).
 * Field names follow the original IntegrationItem model.
 */
export type IntegrationItem = {
  __typename?: 'IntegrationItem';
  /** Ids of direct children, where known. */
  children: Maybe<Array<Scalars['ID']['output']>>;
  creationTime: Maybe<Scalars['DateTime']['output']>;
  delta: Maybe<Scalars['String']['output']>;
  /** True for containers (object-type folders, bases, databases, pages with children). */
  directory: Scalars['Boolean']['output'];
  driveId: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  lastModifiedTime: Maybe<Scalars['DateTime']['output']>;
  mimeType: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  parentId: Maybe<Scalars['ID']['output']>;
  /** Readable path of the parent, e.g. `Workspace / Projects / Q3`. */
  parentPathOrName: Maybe<Scalars['String']['output']>;
  /** Provider-specific kind, e.g. `contact`, `company`, `deal`, `base`, `table`, `page`, `database`. */
  type: Scalars['String']['output'];
  /** Where the item opens in the provider's app. */
  url: Maybe<Scalars['String']['output']>;
  visibility: Maybe<Scalars['Boolean']['output']>;
};

export type IntegrationItemConnection = {
  __typename?: 'IntegrationItemConnection';
  edges: Array<IntegrationItemEdge>;
  /**
   * True when the provider reported, on this page or an earlier page of the same load run, that it
   * cut its results short (a server-side result cap): the items listed are not all there are.
   */
  incomplete: Scalars['Boolean']['output'];
  pageInfo: PageInfo;
  /**
   * How many items the whole run holds, when the provider reports a total; null when it does not (no
   * list endpoint of HubSpot, Airtable or Notion reports one today).
   */
  totalCount: Maybe<Scalars['Int']['output']>;
};

export type IntegrationItemEdge = {
  __typename?: 'IntegrationItemEdge';
  cursor: Scalars['String']['output'];
  node: IntegrationItem;
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Turn an approved consent into this identity's connection, once. `confirmation` is what the callback
   * handed to the consenting browser (the popup's message field `confirmation`, or `ic_confirmation` on
   * `returnTo`). It must come from a page on the attempt's origin, for the attempt's own identity.
   * Anything else (another identity, another origin, a wrong confirmation) is FORBIDDEN and discards
   * the grant (revoked at the provider where it can be); an unknown, used or expired attempt is
   * BAD_USER_INPUT.
   */
  confirmConnect: Credentials;
  /**
   * Start the OAuth consent flow for this identity and provider. A consent becomes a connection only
   * when the page that asked confirms it (`confirmConnect`) with a one-time confirmation that only the
   * consenting browser receives, so a consent link approved in someone else's browser connects nothing.
   * `display` (default: REDIRECT when `returnTo` is given, else POPUP) says where the callback hands the
   * confirmation over. `returnTo` is a URL on the calling page's origin (an allowed origin): where
   * redirect mode returns and where a popup that lost its opener continues.
   * `connectLink: true` (admin only, needs `ALLOW_CONNECT_LINKS=true` on the server) starts an attempt
   * meant to be approved by someone else: whoever approves the URL connects their account to this
   * identity, with no confirmation.
   */
  connect: ConnectPayload;
  /**
   * Admin only (`X-Admin-Key`): mint a short-lived session token for one identity, optionally limited
   * to some providers and to one page origin. Host backends may also mint tokens themselves (HS256 with
   * SESSION_SECRET, see docs/security.md).
   */
  createSession: SessionToken;
  /** Revoke the grant at the provider where it has an endpoint, then forget the connection. True when one existed. */
  disconnect: Scalars['Boolean']['output'];
  /**
   * Admin only (`X-Admin-Key`): send a failed webhook again, with the same `webhook-id` and body, for a
   * fresh round of attempts. False when no failed delivery has this id.
   */
  redeliverWebhook: Scalars['Boolean']['output'];
};


export type MutationConfirmConnectArgs = {
  attemptId: Scalars['ID']['input'];
  confirmation: Scalars['String']['input'];
  identity?: InputMaybe<IdentityInput>;
};


export type MutationConnectArgs = {
  connectLink?: InputMaybe<Scalars['Boolean']['input']>;
  display?: InputMaybe<ConnectDisplay>;
  identity?: InputMaybe<IdentityInput>;
  provider: Provider;
  returnTo?: InputMaybe<Scalars['String']['input']>;
};


export type MutationCreateSessionArgs = {
  identity: IdentityInput;
  origin?: InputMaybe<Scalars['String']['input']>;
  providers?: InputMaybe<Array<Provider>>;
  ttlSeconds?: InputMaybe<Scalars['Int']['input']>;
};


export type MutationDisconnectArgs = {
  identity?: InputMaybe<IdentityInput>;
  provider: Provider;
};


export type MutationRedeliverWebhookArgs = {
  id: Scalars['ID']['input'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  /** Opaque; pass as `after` to read the next page. Bound to the identity that read it. */
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** The providers this product can connect. */
export type Provider =
  | 'AIRTABLE'
  | 'HUBSPOT'
  | 'NOTION';

/** The provider account a connection reaches (HubSpot portal, Airtable user, Notion workspace). */
export type ProviderAccount = {
  __typename?: 'ProviderAccount';
  id: Scalars['ID']['output'];
  name: Maybe<Scalars['String']['output']>;
};

export type ProviderInfo = {
  __typename?: 'ProviderInfo';
  /** True when the server has client credentials for this provider (real or sandbox). */
  configured: Scalars['Boolean']['output'];
  /** Human name, e.g. `HubSpot`. */
  displayName: Scalars['String']['output'];
  id: Provider;
  /** True when the provider is served by the local simulator, not the real service. */
  sandbox: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** The outcome of a `connect` attempt, or null when unknown or long expired. */
  connectAttempt: Maybe<ConnectAttempt>;
  /**
   * Connections, a page at a time (`first`: 1-100, default 20), ordered by organization, user, then
   * provider. With the admin key (`X-Admin-Key`): any combination of filters, none for every
   * connection. A session, or an identity in `AUTH_MODE=open`, lists only its own: a filter it gives
   * must be its own (else FORBIDDEN) and absent ones default to it (in open mode `orgId` and `userId`
   * are the identity and both required). `after` is a cursor of an earlier page of the same filters
   * (any other is BAD_USER_INPUT). Never a token.
   */
  connections: ConnectionConnection;
  /** The connection of this identity to this provider, or null when not connected. */
  credentials: Maybe<Credentials>;
  /**
   * Admin only (`X-Admin-Key`): webhooks that used up their attempts, newest failure first (`first`:
   * 1-100, default 20), kept for WEBHOOK_FAILED_RETENTION_DAYS. Empty when webhooks are not configured.
   */
  failedWebhookDeliveries: FailedWebhookDeliveryConnection;
  /**
   * The user's items at the provider, a page at a time (`first`: 1-200, default 100).
   * `maxWaitSeconds` bounds how long the server may wait silently for the provider's rate-limit budget
   * (0 or more; default and cap: PROVIDER_QUEUE_MAX_MS): past it the answer is PROVIDER_RATE_LIMITED
   * with `extensions.retryAfterSeconds`, so a client can say why it waits and ask again with its cursor.
   */
  load: IntegrationItemConnection;
  /** Every provider, whether configured or not. */
  providers: Array<ProviderInfo>;
};


export type QueryConnectAttemptArgs = {
  id: Scalars['ID']['input'];
};


export type QueryConnectionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orgId?: InputMaybe<Scalars['String']['input']>;
  provider?: InputMaybe<Provider>;
  userId?: InputMaybe<Scalars['String']['input']>;
};


export type QueryCredentialsArgs = {
  identity?: InputMaybe<IdentityInput>;
  provider: Provider;
};


export type QueryFailedWebhookDeliveriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryLoadArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  identity?: InputMaybe<IdentityInput>;
  maxWaitSeconds?: InputMaybe<Scalars['Int']['input']>;
  provider: Provider;
};

/** A signed session for one identity, minted by the host's backend. */
export type SessionToken = {
  __typename?: 'SessionToken';
  expiresAt: Scalars['DateTime']['output'];
  /** Pass to the widget as `session-token`; it sends it as `Authorization: Bearer`. */
  token: Scalars['String']['output'];
};

/**
 * The `data` of a webhook body (docs/webhooks.md). In the JSON a host receives, `provider` is the
 * provider's lowercase id (`hubspot`); here it is the `Provider` enum.
 */
export type WebhookEventData = {
  __typename?: 'WebhookEventData';
  account: ProviderAccount;
  orgId: Scalars['String']['output'];
  provider: Provider;
  status: ConnectionEventStatus;
  userId: Scalars['String']['output'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ConnectAttempt: ResolverTypeWrapper<ConnectAttempt>;
  ConnectAttemptStatus: ConnectAttemptStatus;
  ConnectDisplay: ConnectDisplay;
  ConnectPayload: ResolverTypeWrapper<ConnectPayload>;
  Connection: ResolverTypeWrapper<Connection>;
  ConnectionConnection: ResolverTypeWrapper<ConnectionConnection>;
  ConnectionEdge: ResolverTypeWrapper<ConnectionEdge>;
  ConnectionEventStatus: ConnectionEventStatus;
  ConnectionStatus: ConnectionStatus;
  Credentials: ResolverTypeWrapper<CredentialsModel>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  ErrorCode: ErrorCode;
  FailedWebhookDelivery: ResolverTypeWrapper<FailedWebhookDelivery>;
  FailedWebhookDeliveryConnection: ResolverTypeWrapper<FailedWebhookDeliveryConnection>;
  FailedWebhookDeliveryEdge: ResolverTypeWrapper<FailedWebhookDeliveryEdge>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  IdentityInput: IdentityInput;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  IntegrationItem: ResolverTypeWrapper<Item>;
  IntegrationItemConnection: ResolverTypeWrapper<Omit<IntegrationItemConnection, 'edges'> & { edges: Array<ResolversTypes['IntegrationItemEdge']> }>;
  IntegrationItemEdge: ResolverTypeWrapper<Omit<IntegrationItemEdge, 'node'> & { node: ResolversTypes['IntegrationItem'] }>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Provider: Provider;
  ProviderAccount: ResolverTypeWrapper<ProviderAccount>;
  ProviderInfo: ResolverTypeWrapper<ProviderInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SessionToken: ResolverTypeWrapper<SessionToken>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  WebhookEventData: ResolverTypeWrapper<WebhookEventData>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Boolean: Scalars['Boolean']['output'];
  ConnectAttempt: ConnectAttempt;
  ConnectPayload: ConnectPayload;
  Connection: Connection;
  ConnectionConnection: ConnectionConnection;
  ConnectionEdge: ConnectionEdge;
  Credentials: CredentialsModel;
  DateTime: Scalars['DateTime']['output'];
  FailedWebhookDelivery: FailedWebhookDelivery;
  FailedWebhookDeliveryConnection: FailedWebhookDeliveryConnection;
  FailedWebhookDeliveryEdge: FailedWebhookDeliveryEdge;
  ID: Scalars['ID']['output'];
  IdentityInput: IdentityInput;
  Int: Scalars['Int']['output'];
  IntegrationItem: Item;
  IntegrationItemConnection: Omit<IntegrationItemConnection, 'edges'> & { edges: Array<ResolversParentTypes['IntegrationItemEdge']> };
  IntegrationItemEdge: Omit<IntegrationItemEdge, 'node'> & { node: ResolversParentTypes['IntegrationItem'] };
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  ProviderAccount: ProviderAccount;
  ProviderInfo: ProviderInfo;
  Query: Record<PropertyKey, never>;
  SessionToken: SessionToken;
  String: Scalars['String']['output'];
  WebhookEventData: WebhookEventData;
};

export type ConnectAttemptResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ConnectAttempt'] = ResolversParentTypes['ConnectAttempt']> = {
  errorCode?: Resolver<Maybe<ResolversTypes['ErrorCode']>, ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['Provider'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ConnectAttemptStatus'], ParentType, ContextType>;
};

export type ConnectPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ConnectPayload'] = ResolversParentTypes['ConnectPayload']> = {
  attemptId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  authorizationUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type ConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Connection'] = ResolversParentTypes['Connection']> = {
  account?: Resolver<ResolversTypes['ProviderAccount'], ParentType, ContextType>;
  connectedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  orgId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['Provider'], ParentType, ContextType>;
  scopes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ConnectionStatus'], ParentType, ContextType>;
  userId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ConnectionConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ConnectionConnection'] = ResolversParentTypes['ConnectionConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ConnectionEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type ConnectionEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ConnectionEdge'] = ResolversParentTypes['ConnectionEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Connection'], ParentType, ContextType>;
};

export type CredentialsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Credentials'] = ResolversParentTypes['Credentials']> = {
  accessToken?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  account?: Resolver<ResolversTypes['ProviderAccount'], ParentType, ContextType>;
  connectedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['Provider'], ParentType, ContextType>;
  scopes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ConnectionStatus'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type FailedWebhookDeliveryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FailedWebhookDelivery'] = ResolversParentTypes['FailedWebhookDelivery']> = {
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  data?: Resolver<ResolversTypes['WebhookEventData'], ParentType, ContextType>;
  enqueuedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  failedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastError?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lastStatus?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  timestamp?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type FailedWebhookDeliveryConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FailedWebhookDeliveryConnection'] = ResolversParentTypes['FailedWebhookDeliveryConnection']> = {
  edges?: Resolver<Array<ResolversTypes['FailedWebhookDeliveryEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type FailedWebhookDeliveryEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FailedWebhookDeliveryEdge'] = ResolversParentTypes['FailedWebhookDeliveryEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['FailedWebhookDelivery'], ParentType, ContextType>;
};

export type IntegrationItemResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['IntegrationItem'] = ResolversParentTypes['IntegrationItem']> = {
  children?: Resolver<Maybe<Array<ResolversTypes['ID']>>, ParentType, ContextType>;
  creationTime?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  delta?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  directory?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  driveId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastModifiedTime?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  mimeType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parentId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  parentPathOrName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  url?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  visibility?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
};

export type IntegrationItemConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['IntegrationItemConnection'] = ResolversParentTypes['IntegrationItemConnection']> = {
  edges?: Resolver<Array<ResolversTypes['IntegrationItemEdge']>, ParentType, ContextType>;
  incomplete?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type IntegrationItemEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['IntegrationItemEdge'] = ResolversParentTypes['IntegrationItemEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['IntegrationItem'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  confirmConnect?: Resolver<ResolversTypes['Credentials'], ParentType, ContextType, RequireFields<MutationConfirmConnectArgs, 'attemptId' | 'confirmation'>>;
  connect?: Resolver<ResolversTypes['ConnectPayload'], ParentType, ContextType, RequireFields<MutationConnectArgs, 'provider'>>;
  createSession?: Resolver<ResolversTypes['SessionToken'], ParentType, ContextType, RequireFields<MutationCreateSessionArgs, 'identity'>>;
  disconnect?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDisconnectArgs, 'provider'>>;
  redeliverWebhook?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRedeliverWebhookArgs, 'id'>>;
};

export type PageInfoResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ProviderAccountResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ProviderAccount'] = ResolversParentTypes['ProviderAccount']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ProviderInfoResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ProviderInfo'] = ResolversParentTypes['ProviderInfo']> = {
  configured?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['Provider'], ParentType, ContextType>;
  sandbox?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  connectAttempt?: Resolver<Maybe<ResolversTypes['ConnectAttempt']>, ParentType, ContextType, RequireFields<QueryConnectAttemptArgs, 'id'>>;
  connections?: Resolver<ResolversTypes['ConnectionConnection'], ParentType, ContextType, Partial<QueryConnectionsArgs>>;
  credentials?: Resolver<Maybe<ResolversTypes['Credentials']>, ParentType, ContextType, RequireFields<QueryCredentialsArgs, 'provider'>>;
  failedWebhookDeliveries?: Resolver<ResolversTypes['FailedWebhookDeliveryConnection'], ParentType, ContextType, Partial<QueryFailedWebhookDeliveriesArgs>>;
  load?: Resolver<ResolversTypes['IntegrationItemConnection'], ParentType, ContextType, RequireFields<QueryLoadArgs, 'provider'>>;
  providers?: Resolver<Array<ResolversTypes['ProviderInfo']>, ParentType, ContextType>;
};

export type SessionTokenResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SessionToken'] = ResolversParentTypes['SessionToken']> = {
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type WebhookEventDataResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['WebhookEventData'] = ResolversParentTypes['WebhookEventData']> = {
  account?: Resolver<ResolversTypes['ProviderAccount'], ParentType, ContextType>;
  orgId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['Provider'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ConnectionEventStatus'], ParentType, ContextType>;
  userId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = GraphQLContext> = {
  ConnectAttempt?: ConnectAttemptResolvers<ContextType>;
  ConnectPayload?: ConnectPayloadResolvers<ContextType>;
  Connection?: ConnectionResolvers<ContextType>;
  ConnectionConnection?: ConnectionConnectionResolvers<ContextType>;
  ConnectionEdge?: ConnectionEdgeResolvers<ContextType>;
  Credentials?: CredentialsResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  FailedWebhookDelivery?: FailedWebhookDeliveryResolvers<ContextType>;
  FailedWebhookDeliveryConnection?: FailedWebhookDeliveryConnectionResolvers<ContextType>;
  FailedWebhookDeliveryEdge?: FailedWebhookDeliveryEdgeResolvers<ContextType>;
  IntegrationItem?: IntegrationItemResolvers<ContextType>;
  IntegrationItemConnection?: IntegrationItemConnectionResolvers<ContextType>;
  IntegrationItemEdge?: IntegrationItemEdgeResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  ProviderAccount?: ProviderAccountResolvers<ContextType>;
  ProviderInfo?: ProviderInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SessionToken?: SessionTokenResolvers<ContextType>;
  WebhookEventData?: WebhookEventDataResolvers<ContextType>;
};

