/**
 * The physical baseline of bench/server.ts: Koa answering a constant JSON body, nothing else, in
 * its own process under the same Node and tsx as the server. No framework can beat it on this machine.
 */
import Koa from 'koa';

const port = Number(process.argv[2] ?? 0);
const app = new Koa();
app.use(async function bareJson(ctx) {
  ctx.body = { ok: true };
});
const server = app.listen(port, '127.0.0.1', () => process.stdout.write('listening\n'));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
