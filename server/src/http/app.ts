import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { koaMiddleware } from '@as-integrations/koa';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa from 'koa';
import type { Config } from '../config/env.js';
import type { GraphQLContext } from '../graphql/context.js';
import { errorFormatter } from '../graphql/errors.js';
import { graphqlLogPlugin } from '../graphql/log-plugin.js';
import { resolvers } from '../graphql/resolvers/index.js';
import { loadTypeDefs } from '../graphql/schema.js';
import type { Logger } from '../logging/logger.js';
import { corsAllowList } from './cors.js';
import { healthRoutes } from './health.js';
import { openModeHostCheck } from './host-check.js';
import { RequestGraphQLContext, type ContextServices } from './graphql-context.js';
import { requestContext, type RequestState } from './request-context.js';
import { securityHeaders } from './security-headers.js';
import { oauthCallbackRoutes } from './oauth-callback.js';
import { ADMIN_KEY_HEADER, type IdentifyCaller } from '../auth/caller.js';
import type { ProviderProxy } from '../proxy/provider-proxy.js';
import { providerProxyRoute } from './proxy-route.js';

/** Far above any real operation (the widget's largest has about 60 tokens, the introspection query about 250). */
export const MAX_QUERY_TOKENS = 2_000;

const GRAPHQL_PATH = /^\/graphql\/?$/i;

/** A request header as Koa's `get` gives it: a repeated header (an array) joined, as Node joins most. */
function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The services the routes serve with, built by the composition root (server/src/services.ts). */
export interface AppServices extends ContextServices {
  /** The provider proxy behind `/proxy/{provider}/{path}`. */
  proxy: ProviderProxy;
  /** Who a request's headers say is calling (admin key, session token). */
  identifyCaller: IdentifyCaller;
}

export interface AppDependencies {
  config: Config;
  logger: Logger;
  services: AppServices;
}

export interface BuiltApp {
  app: Koa<RequestState>;
  /** Stops Apollo; the caller closes the HTTP server and the services and stores it passed in. */
  stop(): Promise<void>;
}

/**
 * Builds the Koa app (middleware and routes) without listening: `main.ts` listens, tests drive
 * `app.callback()`. Everything it serves with comes in built, so tests swap any of it.
 */
export async function buildApp({ config, logger, services }: AppDependencies): Promise<BuiltApp> {
  const { stores, oauth, proxy, identifyCaller } = services;

  // Schema discovery (introspection, "Did you mean" suggestions) only for people developing against it.
  const development = config.nodeEnv === 'development';
  // Depth, cost, alias and directive limits: a hostile query is refused before it runs. Tokens are
  // counted by the parser itself (parseOptions below), which stops at the limit; armor's token
  // plugin is off because it parses a second time and reports syntax errors as validation errors.
  const armor = new ApolloArmor({
    maxDepth: { n: 8, ignoreIntrospection: true },
    costLimit: { maxCost: 5_000, ignoreIntrospection: true },
    maxAliases: { n: 15 },
    maxDirectives: { n: 20 },
    maxTokens: { enabled: false },
    // Off: formatError (hideSuggestions below) already strips "Did you mean" from every error a
    // client gets, and armor's version is one more plugin whose hooks Apollo runs for every request.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  const apollo = new ApolloServer<GraphQLContext>({
    typeDefs: loadTypeDefs(),
    validationRules: armor.validationRules,
    allowBatchedHttpRequests: false,
    // Clients send full documents; an APQ cache would only widen the attack surface.
    persistedQueries: false,
    // main.ts owns shutdown: Apollo's own handlers would re-raise SIGTERM and kill in-flight requests.
    stopOnTerminationSignals: false,
    resolvers,
    formatError: errorFormatter({ hideSuggestions: !development }),
    introspection: development,
    parseOptions: { maxLexicalTokens: MAX_QUERY_TOKENS },
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints in this schema: the default cache-control plugin would only wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      graphqlLogPlugin(logger),
      // armor's typings come from @apollo/server's CJS build; the plugins are context-agnostic.
      ...(armor.plugins as unknown as Array<ApolloServerPlugin<GraphQLContext>>),
    ],
    logger: {
      debug: (message) => logger.debug(message),
      info: (message) => logger.info(message),
      warn: (message) => logger.warn(message),
      error: (message) => logger.error(message),
    },
  });
  await apollo.start();

  // Behind a proxy the client is the rightmost X-Forwarded-For entry, the one our proxy appended:
  // entries to its left were written by the client and prove nothing.
  const app = new Koa<RequestState>({ proxy: config.trustProxy, maxIpsCount: 1 });
  // Errors that escape the error boundary (broken sockets, malformed HTTP) go to pino, not stderr.
  app.silent = true;
  app.on('error', (error: unknown) => logger.debug({ err: error }, 'connection error'));
  const router = new Router<RequestState>();
  router.use(healthRoutes(stores.kv).routes());
  router.use(oauthCallbackRoutes(oauth).routes());
  // /graphql (nearly every request) is dispatched here, not by the router, which would test every
  // route's pattern and compose a new middleware chain per request. Matched as the router did
  // (any method, any case, optional trailing slash); nothing runs after it.
  const parseJson = bodyParser({ enableTypes: ['json'], jsonLimit: config.bodyLimit });
  const graphql = koaMiddleware(apollo, {
    context: async ({ ctx }): Promise<GraphQLContext> => {
      // Node's header map, read directly (Koa's `get` lower-cases the name on every call).
      const headers = ctx.req.headers;
      const caller = await identifyCaller({ authorization: headers.authorization, adminKey: headerValue(headers[ADMIN_KEY_HEADER]) });
      return new RequestGraphQLContext(services, ctx.state, headers.origin || null, caller, ctx.ip);
    },
  });
  const answered = () => Promise.resolve();
  // (Koa's Middleware type returns `any`: said here what it is.)
  const runGraphql = graphql as (ctx: Koa.ParameterizedContext<RequestState>, next: Koa.Next) => Promise<void>;
  const graphqlRoute: Koa.Middleware<RequestState> = (ctx, next) =>
    GRAPHQL_PATH.test(ctx.path) ? parseJson(ctx, () => runGraphql(ctx, answered)) : next();

  // Koa 3 snapshots the middleware list in callback(): register everything before anyone calls it.
  app.use(requestContext(logger));
  if (config.authMode === 'open') app.use(openModeHostCheck(config.publicUrl));
  app.use(securityHeaders());
  app.use(corsAllowList(config));
  app.use(graphqlRoute);
  app.use(providerProxyRoute({ config, proxy, identifyCaller }));
  app.use(router.routes());
  app.use(router.allowedMethods());

  return {
    app,
    stop: () => apollo.stop(),
  };
}
