import type { Caller } from '../auth/caller.js';
import type { Config } from '../config/env.js';
import type { Limiters } from '../limits/index.js';
import type { LoadService } from '../load/load-service.js';
import type { GraphQLCallLine, Logger } from '../logging/logger.js';
import type { FreshConnections } from '../connections/fresh-connection.js';
import type { OAuthServices } from '../oauth/services.js';
import type { Stores } from '../store/index.js';
import type { DeliveryQueue } from '../webhooks/delivery-queue.js';
import type { ConnectionCursors } from './connection-cursor.js';

/** Created once per request, never mutated by resolvers. */
export interface GraphQLContext {
  readonly config: Config;
  readonly stores: Stores;
  readonly logger: Logger;
  readonly oauth: OAuthServices;
  /** Rate limits and budgets (the `connect` limiter): on the store's Redis, one budget for every instance. */
  readonly limits: Limiters;
  readonly connections: FreshConnections;
  /** Pages through a connection's items (the `load` query). */
  readonly loader: LoadService;
  /** Seals and opens the `connections` cursors (bound to the listing's filters). */
  readonly connectionCursors: ConnectionCursors;
  /** The webhook delivery queue; null when WEBHOOK_URL is not set. */
  readonly webhookDeliveries: DeliveryQueue | null;
  /** The Origin header of the calling page, when it sent one (browsers do on POST). */
  readonly origin: string | null;
  /** Admin, a verified session, or nobody: decided once from the request headers. */
  readonly caller: Caller;
  /** The client's address (behind a trusted proxy: X-Forwarded-For), for per-IP limits. */
  readonly ip: string;
  readonly requestId: string;
  /** The log plugin's one write: what this request's access line says about its operation. */
  recordOperation(line: GraphQLCallLine): void;
}
