import type { Config } from '../config/env.js';
import type { Logger } from '../logging/logger.js';
import type { FreshConnections } from '../oauth/fresh-connection.js';
import type { OAuthServices } from '../oauth/services.js';
import type { Stores } from '../store/index.js';

/** Created once per request, never mutated by resolvers. */
export interface GraphQLContext {
  readonly config: Config;
  readonly stores: Stores;
  readonly logger: Logger;
  readonly oauth: OAuthServices;
  readonly connections: FreshConnections;
  /** The Origin header of the calling page, when it sent one (browsers do on POST). */
  readonly origin: string | null;
  readonly requestId: string;
}
