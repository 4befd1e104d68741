import type { Caller } from '../auth/caller.js';
import type { GraphQLContext } from '../graphql/context.js';
import type { GraphQLCallLine, Logger } from '../logging/logger.js';
import type { RequestState } from './request-context.js';

/** What every request's context shares: made once per server. */
export type ContextServices = Pick<
  GraphQLContext,
  'config' | 'stores' | 'oauth' | 'limits' | 'connections' | 'loader' | 'connectionCursors' | 'webhookDeliveries'
>;

/**
 * One request's GraphQL context. A class, not an object literal, so that its logger stays lazy:
 * Apollo copies the context's own properties for every operation (`Object.assign` onto an object
 * of the same prototype), which would call a getter written in a literal, and so make a pino
 * child (a redaction pass over its bindings) for requests that never log. Getters on the
 * prototype are not copied; the shared services are read through one own reference.
 */
export class RequestGraphQLContext implements GraphQLContext {
  // Plain (not #private) fields: Apollo's copy is a new object, which has no #private slots.
  private readonly services: ContextServices;
  private readonly state: RequestState;
  constructor(
    services: ContextServices,
    state: RequestState,
    readonly origin: string | null,
    readonly caller: Caller,
    readonly ip: string,
  ) {
    this.services = services;
    this.state = state;
  }
  get config() {
    return this.services.config;
  }
  get stores() {
    return this.services.stores;
  }
  get oauth() {
    return this.services.oauth;
  }
  get limits() {
    return this.services.limits;
  }
  get connections() {
    return this.services.connections;
  }
  get loader() {
    return this.services.loader;
  }
  get connectionCursors() {
    return this.services.connectionCursors;
  }
  get webhookDeliveries() {
    return this.services.webhookDeliveries;
  }
  get logger(): Logger {
    return this.state.log;
  }
  get requestId(): string {
    return this.state.requestId;
  }
  recordOperation(line: GraphQLCallLine): void {
    this.state.graphql = line;
  }
}
