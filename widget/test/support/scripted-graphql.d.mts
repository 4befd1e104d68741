import type { Middleware } from 'koa';

/** WTR (Koa) middleware: `/graphql?sid=`, `/ic-test/scenario`, `/ic-test/calls?sid=`, `/ic-test/consent`. */
export declare function scriptedGraphql(): Middleware;
