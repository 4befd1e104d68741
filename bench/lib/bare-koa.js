/**
 * The physical baseline of bench/server.ts: Koa answering a constant JSON body, nothing else, in
 * its own process on the same plain Node as the compiled server. No framework can beat it here.
 */
import Koa from 'koa';

const port = Number(process.argv[2] ?? 0);
const app = new Koa();
app.use(async function bareJson(ctx) {
  ctx.body = { ok: true };
});
const server = app.listen(port, '127.0.0.1', () => process.stdout.write('listening\n'));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
