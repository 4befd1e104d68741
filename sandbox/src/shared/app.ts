import Koa, { type Context, type Middleware } from 'koa';
import { Router } from '@koa/router';
import { z } from 'zod';
import { readJson } from './http.js';
import type { ProviderRuntime } from './runtime.js';
import type { ProviderStats } from './stats.js';

/** Provider-specific bodies for responses the shared layers produce. */
export interface ProviderResponses {
  /** `policy`: which limit, in the provider's words (FaultSpec.policy). */
  rateLimited(ctx: Context, policy?: string): void;
  serverError(ctx: Context, status: number): void;
  notFound(ctx: Context): void;
}

/**
 * Changes made "at the provider" while the sandbox runs (create, edit, rename, move, trash, restore,
 * delete, merge: whatever the provider has), as tests, benchmarks and the demo drive them. Each
 * simulator defines its own operations; `POST /__sandbox/mutations` takes one or a list of them.
 */
export interface MutationHooks {
  /** Checks one operation (the simulator's own zod schema); `issues` say what is wrong. */
  parse(body: unknown): { ok: true; value: unknown } | { ok: false; issues: unknown };
  /** Applies one parsed operation; the answer says what it made (e.g. a new id). */
  apply(operation: unknown): unknown;
}

export interface AdminHooks {
  stats(): unknown;
  resetStats(): void;
  expireAccessTokens(): void;
  revokeGrants(): void;
  registerRedirectUri(uri: string): void;
  /** The sandbox clock's time after moving it forward by `ms`. */
  advanceClock(ms: number): number;
  clockNow(): number;
}

export interface ProviderAppInput {
  runtime: Pick<ProviderRuntime<unknown>, 'id' | 'label' | 'faults' | 'stats'>;
  responses: ProviderResponses;
  admin: AdminHooks;
  routes: Router;
  /** The simulator's mutable dataset, where it has one. */
  mutations?: MutationHooks;
}

function simulatorHeaders(label: string, stats: ProviderStats): Middleware {
  return async function simulatorHeaders(ctx, next) {
    ctx.set('X-Sandbox-Simulator', `simulated ${label} (integration-connector sandbox)`);
    await next();
    if (ctx.status === 429) stats.rateLimited++;
  };
}

function errorBoundary(responses: ProviderResponses): Middleware {
  return async function errorBoundary(ctx, next) {
    try {
      await next();
    } catch (error) {
      console.error('[sandbox] unexpected error', error);
      responses.serverError(ctx, 500);
    }
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function faultInjection(input: ProviderAppInput): Middleware {
  return async function faultInjection(ctx, next) {
    if (ctx.path.startsWith('/__sandbox')) {
      await next();
      return;
    }
    const fault = input.runtime.faults.take(input.runtime.id, ctx.path);
    if (!fault) {
      await next();
      return;
    }
    input.runtime.stats.faultsInjected++;
    switch (fault.kind) {
      case 'rate_limit':
        return void input.responses.rateLimited(ctx, fault.policy);
      case 'server_error':
        return void input.responses.serverError(ctx, fault.status ?? 500);
      case 'delay':
        await sleep(fault.delayMs ?? 1000);
        await next();
        return;
      case 'timeout':
        // Never answer: the client's own timeout is what is under test.
        ctx.respond = false;
        await new Promise<void>((resolve) => ctx.res.once('close', () => resolve()));
        return;
      case 'expired_token':
      case 'revoked_grant':
      case 'other_account':
        ctx.state.tokenFault = fault.kind;
        await next();
        return;
    }
  };
}

function adminRoutes(input: ProviderAppInput): Router {
  const router = new Router({ prefix: '/__sandbox' });
  const { id, faults } = input.runtime;
  const spec = faults.specSchema.partial({ provider: true });
  const specs = z.union([spec, z.array(spec)]);
  router.get('/faults', (ctx) => {
    ctx.body = { faults: faults.list(id) };
  });
  router.post('/faults', async (ctx) => {
    const body = await readJson(ctx);
    const parsed = body.ok ? specs.safeParse(body.value) : undefined;
    if (!parsed?.success) {
      ctx.status = 400;
      ctx.body = { error: 'invalid fault spec', issues: parsed?.error.issues ?? 'invalid JSON' };
      return;
    }
    const list = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
    ctx.status = 201;
    ctx.body = { ids: list.map((one) => faults.inject({ ...one, provider: one.provider ?? id })) };
  });
  router.delete('/faults', (ctx) => {
    faults.clear(id);
    ctx.status = 204;
  });
  router.get('/stats', (ctx) => {
    ctx.body = input.admin.stats();
  });
  router.delete('/stats', (ctx) => {
    input.admin.resetStats();
    ctx.status = 204;
  });
  router.post('/expire-access-tokens', (ctx) => {
    input.admin.expireAccessTokens();
    ctx.status = 204;
  });
  router.post('/revoke-grants', (ctx) => {
    input.admin.revokeGrants();
    ctx.status = 204;
  });
  router.post('/redirect-uris', async (ctx) => {
    const body = await readJson(ctx);
    const parsed = body.ok ? z.object({ uri: z.url() }).safeParse(body.value) : undefined;
    if (!parsed?.success) {
      ctx.status = 400;
      ctx.body = { error: 'expected {"uri": "<absolute url>"}' };
      return;
    }
    input.admin.registerRedirectUri(parsed.data.uri);
    ctx.status = 204;
  });
  router.get('/clock', (ctx) => {
    ctx.body = { now: new Date(input.admin.clockNow()).toISOString() };
  });
  router.post('/clock', async (ctx) => {
    const body = await readJson(ctx);
    const parsed = body.ok ? z.object({ advanceMs: z.number().int().min(0) }).safeParse(body.value) : undefined;
    if (!parsed?.success) {
      ctx.status = 400;
      ctx.body = { error: 'expected {"advanceMs": <milliseconds, 0 or more>}' };
      return;
    }
    ctx.body = { now: new Date(input.admin.advanceClock(parsed.data.advanceMs)).toISOString() };
  });
  router.post('/mutations', async (ctx) => {
    const mutations = input.mutations;
    if (!mutations) {
      ctx.status = 404;
      ctx.body = { error: `the ${input.runtime.label} simulator has no mutable dataset` };
      return;
    }
    const body = await readJson(ctx);
    const operations: unknown[] = body.ok ? (Array.isArray(body.value) ? body.value : [body.value]) : [];
    const parsed = operations.map((operation) => mutations.parse(operation));
    const refused = parsed.flatMap((one, index) => (one.ok ? [] : [{ index, issues: one.issues }]));
    if (!body.ok || operations.length === 0 || refused.length > 0) {
      ctx.status = 400;
      ctx.body = { error: 'invalid mutation', issues: body.ok ? refused : 'invalid JSON' };
      return;
    }
    ctx.body = { results: parsed.map((one) => (one.ok ? mutations.apply(one.value) : null)) };
  });
  return router;
}

/** One Koa app per provider; everything is registered here, before anyone takes app.callback(). */
export function createProviderApp(input: ProviderAppInput): Koa {
  const app = new Koa();
  const admin = adminRoutes(input);
  app.use(simulatorHeaders(input.runtime.label, input.runtime.stats));
  app.use(errorBoundary(input.responses));
  app.use(admin.routes());
  app.use(faultInjection(input));
  app.use(input.routes.routes());
  app.use(async function fallback(ctx) {
    input.responses.notFound(ctx);
  });
  return app;
}
