import type { AirtableAccount, AirtableBase, AirtableTable } from '../src/airtable/index.js';
import type { RunningSandbox, SandboxOptions } from '../src/index.js';
import { AIRTABLE_TEST_SCOPES, connectAirtable, get, startSmallSandbox, url } from './helpers.js';

/** An integration that may also manage webhooks (Airtable scope `webhook:manage`). */
export const WEBHOOK_SCOPES = [...AIRTABLE_TEST_SCOPES, 'webhook:manage'];

export interface AirtableRig {
  sb: RunningSandbox;
  token: string;
  account: AirtableAccount;
  /** The default account's first base: the user created it (`permissionLevel: "create"`). */
  base: AirtableBase;
  /** Its first table: 250 records, every field type. */
  table: AirtableTable;
  get(path: string, params?: Record<string, string | string[]>, token?: string): Promise<Response>;
  send(method: string, path: string, body?: unknown, token?: string): Promise<Response>;
}

/**
 * A small sandbox with rate limits off, connected with records, schema and webhook scopes. Its
 * access tokens outlive the weeks these specs move the clock (Airtable's own hour would expire).
 */
export async function airtableRig(options: SandboxOptions['airtable'] = {}, scope = WEBHOOK_SCOPES.join(' ')): Promise<AirtableRig> {
  const sb = await startSmallSandbox({
    airtable: { limits: false, enabledScopes: WEBHOOK_SCOPES, tokenLifetimeSeconds: 365 * 24 * 3600, ...options },
  });
  const { access_token: token } = await connectAirtable(sb, 0, scope);
  const account = sb.dataset.airtable[0]!;
  return {
    sb,
    token,
    account,
    base: account.bases[0]!,
    table: account.bases[0]!.tables[0]!,
    get(path, params = {}, as = token) {
      const u = new URL(url(sb.airtable.apiUrl, path));
      for (const [k, v] of Object.entries(params)) for (const one of Array.isArray(v) ? v : [v]) u.searchParams.append(k, one);
      return get(u.toString(), as);
    },
    send(method, path, body, as = token) {
      return fetch(url(sb.airtable.apiUrl, path), {
        method,
        headers: { authorization: `Bearer ${as}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    },
  };
}

export const DAY_MS = 24 * 3600 * 1000;
