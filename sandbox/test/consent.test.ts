import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { startSandbox } from '../src/index.js';
import {
  airtableAuthorizeParams,
  authorize,
  basic,
  get,
  NOTION_V2025,
  pkce,
  postForm,
  postJson,
  REDIRECT,
  startSmallSandbox,
  url,
} from './helpers.js';

/** The least data a consent flow needs. */
const TINY = { hubspot: { size: { contacts: 10 } }, airtable: { size: { bases: 1 } }, notion: { size: { items: 5 } } };

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await startSmallSandbox({ appName: 'Acme Connector' });
});
afterAll(() => sb.close());

/** Submits the consent form the way a browser does when a button is clicked: fields + the clicked button. */
async function clickButton(
  pageUrl: string,
  button: 'allow' | 'deny',
  account: number,
): Promise<{ status: number; location?: URL; html: string }> {
  const page = await authorize(pageUrl);
  const form = /<form method="post" action="([^"]+)">/.exec(page.html);
  expect(form).not.toBeNull();
  const fields = new URLSearchParams();
  for (const m of page.html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields.append(decode(m[1] ?? ''), decode(m[2] ?? ''));
  }
  const radios = [...page.html.matchAll(/<input type="radio" name="sandbox_account" value="(\d+)"/g)].map((m) => m[1]);
  expect(radios).toContain(String(account));
  fields.append('sandbox_account', String(account));
  fields.append('sandbox_approve', button);
  const res = await fetch(new URL(decode(form?.[1] ?? ''), pageUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields,
  });
  const location = res.headers.get('location');
  return { status: res.status, location: location ? new URL(location) : undefined, html: await res.text() };
}

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('consent pages work as plain HTML forms', () => {
  it('HubSpot: clicking Allow for the second account yields a code for that account', async () => {
    const page = url(sb.hubspot.authUrl, '/oauth/authorize', {
      client_id: sb.hubspot.clientId,
      redirect_uri: REDIRECT,
      scope: 'oauth crm.objects.contacts.read',
      state: 'a&b "quoted"',
    });
    const html = (await authorize(page)).html;
    expect(html).toContain('Acme Connector');
    expect(html).toContain(`Hub ID ${sb.dataset.hubspot[1]?.hubId}`);
    const res = await clickButton(page, 'allow', 1);
    expect(res.status).toBe(302);
    expect(res.location?.searchParams.get('state')).toBe('a&b "quoted"');
    const token = await postForm(url(sb.hubspot.apiUrl, '/oauth/2026-03/token'), {
      grant_type: 'authorization_code',
      client_id: sb.hubspot.clientId,
      client_secret: sb.hubspot.clientSecret,
      redirect_uri: REDIRECT,
      code: res.location?.searchParams.get('code') ?? '',
    });
    expect(((await token.json()) as { hub_id: number }).hub_id).toBe(sb.dataset.hubspot[1]?.hubId);
  });

  it('HubSpot: clicking Deny shows a page and redirects nowhere', async () => {
    const page = url(sb.hubspot.authUrl, '/oauth/authorize', { client_id: sb.hubspot.clientId, redirect_uri: REDIRECT, scope: 'oauth' });
    const res = await clickButton(page, 'deny', 0);
    expect(res.status).toBe(200);
    expect(res.location).toBeUndefined();
  });

  it('Airtable: Allow and Deny both come back to the app with the state', async () => {
    const page = url(sb.airtable.authUrl, '/oauth2/v1/authorize', airtableAuthorizeParams(sb, pkce().challenge));
    expect((await clickButton(page, 'allow', 1)).location?.searchParams.get('code')).toBeTruthy();
    expect((await clickButton(page, 'deny', 0)).location?.searchParams.get('error')).toBe('access_denied');
  });

  it('Notion: clicking Allow for workspace 2 connects that workspace', async () => {
    const page = url(sb.notion.apiUrl, '/v1/oauth/authorize', {
      client_id: sb.notion.clientId,
      redirect_uri: REDIRECT,
      response_type: 'code',
      owner: 'user',
    });
    const res = await clickButton(page, 'allow', 2);
    const token = await postJson(
      url(sb.notion.apiUrl, '/v1/oauth/token'),
      { grant_type: 'authorization_code', code: res.location?.searchParams.get('code'), redirect_uri: REDIRECT },
      { authorization: basic(sb.notion.clientId, sb.notion.clientSecret) },
    );
    const body = (await token.json()) as { workspace_id: string; access_token: string };
    expect(body.workspace_id).toBe(sb.dataset.notion[2]?.workspaceId);
    expect((await get(url(sb.notion.apiUrl, '/v1/users/me'), body.access_token, NOTION_V2025)).status).toBe(200);
  });

  it('rejects an account index that does not exist', async () => {
    const res = await authorize(
      url(sb.hubspot.authUrl, '/oauth/authorize', {
        client_id: sb.hubspot.clientId,
        redirect_uri: REDIRECT,
        scope: 'oauth',
        sandbox_approve: 'allow',
        sandbox_account: '9',
      }),
    );
    expect(res.status).toBe(400);
  });

  it('marks every response as coming from the simulator', async () => {
    for (const base of [sb.hubspot.apiUrl, sb.airtable.apiUrl, sb.notion.apiUrl]) {
      expect((await get(`${base}/nowhere`)).headers.get('x-sandbox-simulator')).toMatch(/^simulated (HubSpot|Airtable|Notion)/);
    }
  });
});

describe('approving without a browser, and redirect URI registration', () => {
  it('autoApprove redirects straight away for the default account', async () => {
    const auto = await startSandbox({ ...TINY, autoApprove: true });
    try {
      const cb = 'http://127.0.0.1:45678/integrations/notion/oauth2callback';
      const before = await authorize(
        url(auto.notion.apiUrl, '/v1/oauth/authorize', {
          client_id: auto.notion.clientId,
          redirect_uri: cb,
          response_type: 'code',
          owner: 'user',
        }),
      );
      expect(before.status).toBe(400);
      // Servers under test get ephemeral ports, so registration must work after start.
      auto.registerRedirectUri(cb);
      const after = await authorize(
        url(auto.notion.apiUrl, '/v1/oauth/authorize', {
          client_id: auto.notion.clientId,
          redirect_uri: cb,
          response_type: 'code',
          owner: 'user',
        }),
      );
      expect(after.status).toBe(302);
      expect(after.location?.searchParams.get('code')).toBeTruthy();
    } finally {
      await auto.close();
    }
  });

  it('standalone mode accepts any local /integrations/{provider}/oauth2callback, for that provider only', async () => {
    const standalone = await startSandbox({ ...TINY, acceptLocalCallbacks: true });
    try {
      const at = (redirect: string) =>
        authorize(
          url(standalone.hubspot.authUrl, '/oauth/authorize', {
            client_id: standalone.hubspot.clientId,
            redirect_uri: redirect,
            scope: 'oauth',
            sandbox_approve: 'allow',
          }),
        );
      expect((await at('http://localhost:5173/integrations/hubspot/oauth2callback')).status).toBe(302);
      expect((await at('http://localhost:5173/integrations/notion/oauth2callback')).status).toBe(400);
      expect((await at('http://evil.example/integrations/hubspot/oauth2callback')).status).toBe(400);
    } finally {
      await standalone.close();
    }
  });
});
