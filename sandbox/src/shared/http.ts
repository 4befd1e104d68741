import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import type { Context } from 'koa';

/** Request bodies stay small here; a cap keeps a runaway client from eating memory. */
const MAX_BODY_BYTES = 1_000_000;

export async function readRawBody(ctx: Context): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function isForm(ctx: Context): boolean {
  return (ctx.get('content-type') || '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}

export function isJson(ctx: Context): boolean {
  return (ctx.get('content-type') || '').toLowerCase().startsWith('application/json');
}

/** Form fields as a plain record; repeated keys keep the first value, like most OAuth servers. */
export async function readForm(ctx: Context): Promise<Record<string, string>> {
  const params = new URLSearchParams(await readRawBody(ctx));
  const out: Record<string, string> = {};
  for (const [key, value] of params) if (!(key in out)) out[key] = value;
  return out;
}

export type JsonBody = { ok: true; value: unknown } | { ok: false };

export async function readJson(ctx: Context): Promise<JsonBody> {
  const raw = await readRawBody(ctx);
  if (raw.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
}

export interface BasicCredentials {
  clientId: string;
  clientSecret: string;
}

/**
 * `undefined` = no Basic header at all; `null` = a Basic header that does not decode.
 *
 * The credentials are taken as they are, not form-decoded: the providers' own examples and SDKs
 * build `base64(client_id:client_secret)` from the raw values, and servers that do not decode
 * answer `invalid_client` to the RFC 6749 §2.3.1 form-encoded variant (`-` sent as `%2D`;
 * panva/oauth4webapi issues #148, #199). Fact sheet Q1; docs/sandbox.md cites each provider's source.
 */
export function basicAuth(ctx: Context): BasicCredentials | null | undefined {
  const header = ctx.get('authorization');
  if (!header) return undefined;
  const match = /^Basic\s+(.+)$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}

export function bearerToken(ctx: Context): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'));
  return match?.[1];
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export function queryRecord(ctx: Context): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(ctx.querystring)) if (!(key in out)) out[key] = value;
  return out;
}

export function withQuery(base: string, params: Record<string, string | undefined>): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return url.toString();
}

export interface Listening {
  server: Server;
  origin: string;
  close(): Promise<void>;
}

/** Listen only after every middleware is registered (Koa 3 copies the stack inside callback()). */
export async function listen(app: Koa, host: string, port: number): Promise<Listening> {
  const server = createServer(app.callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  return {
    server,
    origin: `http://${hostForUrl}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Hung "timeout" faults keep sockets open forever; drop them so close() returns.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
