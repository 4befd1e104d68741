/**
 * The framework ceiling of bench/server.ts: Apollo Server on Koa (the chosen stack) answering a
 * one-field query, with no middleware, auth, store or logging, in its own process. The distance
 * from bare Koa to this row is the price of the stack itself, before any of our code runs.
 */
import { ApolloServer } from '@apollo/server';
import { koaMiddleware } from '@as-integrations/koa';
import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';

const port = Number(process.argv[2] ?? 0);
const apollo = new ApolloServer({
  typeDefs: 'type Query { ok: Boolean! }',
  resolvers: { Query: { ok: () => true } },
  stopOnTerminationSignals: false,
});
await apollo.start();
const app = new Koa();
app.use(async function readiness(ctx, next) {
  if (ctx.path === '/healthz') ctx.body = { ok: true };
  else await next();
});
app.use(bodyParser());
app.use(koaMiddleware(apollo));
const server = app.listen(port, '127.0.0.1', () => process.stdout.write('listening\n'));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
