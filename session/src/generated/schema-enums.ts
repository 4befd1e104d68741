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

/** The providers this product can connect. */
export type Provider =
  | 'AIRTABLE'
  | 'HUBSPOT'
  | 'NOTION';
