import Router from '@koa/router';
import type { KeyValueStore } from '../store/key-value-store.js';

const READY_TIMEOUT_MS = 1_000;

/** /healthz: the process answers. /readyz: it can also reach its store (load balancers route on this). */
export function healthRoutes(store: KeyValueStore): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    const reachable = await Promise.race([
      store.ping().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(resolve, READY_TIMEOUT_MS, false).unref()),
    ]);
    ctx.status = reachable ? 200 : 503;
    ctx.body = { status: reachable ? 'ready' : 'unavailable', store: reachable ? 'ok' : 'unreachable' };
  });
  return router;
}
