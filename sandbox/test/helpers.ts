import { createHash, randomBytes } from 'node:crypto';
import { type RunningSandbox, type SandboxOptions, startSandbox } from '../src/index.js';

export const REDIRECT = 'http://localhost:3999/integrations/callback';

/** Scopes the simulator's own specs exercise: records too (the product itself does not read them). */
export const AIRTABLE_TEST_SCOPES = ['data.records:read', 'schema.bases:read', 'user.email:read'];

/**
 * Small data, a registered redirect URI and an integration with record scopes: what most specs
 * need. Each provider's options are laid over these (its size field by field).
 */
export function startSmallSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const { hubspot, airtable, notion, ...shared } = options;
  return startSandbox({
    seed: 42,
    redirectUris: [REDIRECT],
    ...shared,
    hubspot: { ...hubspot, size: { contacts: 250, ...hubspot?.size } },
    airtable: { enabledScopes: AIRTABLE_TEST_SCOPES, ...airtable, size: { bases: 5, ...airtable?.size } },
    notion: { ...notion, size: { items: 120, ...notion?.size } },
  });
}

export const basic = (id: string, secret: string | null) => `Basic ${Buffer.from(`${id}:${secret ?? ''}`).toString('base64')}`;

export function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields),
  });
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

export function get(url: string, token?: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
}

/** GET without following redirects; returns the Location as a URL when there is one. */
export async function authorize(url: string): Promise<{ status: number; location?: URL; html: string }> {
  const res = await fetch(url, { redirect: 'manual' });
  const location = res.headers.get('location');
  return { status: res.status, location: location ? new URL(location) : undefined, html: await res.text() };
}

export function url(base: string, path: string, params: Record<string, string | undefined> = {}): string {
  const u = new URL(path, base);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
  return u.toString();
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export const AIRTABLE_STATE = 'state-0123456789abcdef';

export function airtableAuthorizeParams(sb: RunningSandbox, challenge: string, extra: Record<string, string | undefined> = {}) {
  return {
    client_id: sb.airtable.clientId,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'data.records:read schema.bases:read user.email:read',
    state: AIRTABLE_STATE,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...extra,
  };
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
}

export async function connectHubSpot(
  sb: RunningSandbox,
  account = 0,
  scope = 'oauth crm.objects.contacts.read crm.objects.companies.read crm.objects.deals.read',
): Promise<Tokens> {
  const auth = await authorize(
    url(sb.hubspot.authUrl, '/oauth/authorize', {
      client_id: sb.hubspot.clientId,
      redirect_uri: REDIRECT,
      scope,
      sandbox_approve: 'allow',
      sandbox_account: String(account),
    }),
  );
  const code = auth.location?.searchParams.get('code') ?? '';
  const res = await postForm(url(sb.hubspot.apiUrl, '/oauth/2026-03/token'), {
    grant_type: 'authorization_code',
    client_id: sb.hubspot.clientId,
    client_secret: sb.hubspot.clientSecret,
    redirect_uri: REDIRECT,
    code,
  });
  return (await res.json()) as Tokens;
}

export async function connectAirtable(sb: RunningSandbox, account = 0, scope?: string): Promise<Tokens> {
  const { verifier, challenge } = pkce();
  const auth = await authorize(
    url(sb.airtable.authUrl, '/oauth2/v1/authorize', {
      ...airtableAuthorizeParams(sb, challenge, scope ? { scope } : {}),
      sandbox_approve: 'allow',
      sandbox_account: String(account),
    }),
  );
  const code = auth.location?.searchParams.get('code') ?? '';
  const res = await postForm(
    url(sb.airtable.authUrl, '/oauth2/v1/token'),
    { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier },
    { authorization: basic(sb.airtable.clientId, sb.airtable.clientSecret) },
  );
  return (await res.json()) as Tokens;
}

export async function notionCode(sb: RunningSandbox, account = 0): Promise<string> {
  const auth = await authorize(
    url(sb.notion.apiUrl, '/v1/oauth/authorize', {
      client_id: sb.notion.clientId,
      redirect_uri: REDIRECT,
      response_type: 'code',
      owner: 'user',
      sandbox_approve: 'allow',
      sandbox_account: String(account),
    }),
  );
  return auth.location?.searchParams.get('code') ?? '';
}

export async function connectNotion(sb: RunningSandbox, account = 0): Promise<Tokens> {
  const code = await notionCode(sb, account);
  const res = await postJson(
    url(sb.notion.apiUrl, '/v1/oauth/token'),
    { grant_type: 'authorization_code', code, redirect_uri: REDIRECT },
    { authorization: basic(sb.notion.clientId, sb.notion.clientSecret) },
  );
  return (await res.json()) as Tokens;
}

export const NOTION_V2025 = { 'notion-version': '2025-09-03' };
export const NOTION_V2022 = { 'notion-version': '2022-06-28' };

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
