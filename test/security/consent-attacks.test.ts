/**
 * A consent link approved in someone else's browser must connect nothing: the attacker starts an
 * attempt for their own identity, the victim approves it with their provider account, and the
 * attacker would then read the victim's data. Real Chromium (playwright-core), the demo page as the
 * host app (AUTH_MODE=open, the widget from source), the sandbox providers.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startWidgetStack, type WidgetStack } from '../e2e/support/widget-stack.js';
import { attackSuite } from './attack-tally.js';

const ATTACKER = { userId: 'mallory', orgId: 'evil-corp' };
/** Who the demo page acts for when nobody typed anything: the victim's own session on the host app. */
const VICTIM_PAGE_IDENTITY = { userId: 'demo-user', orgId: 'demo-org' };
const STEP_TIMEOUT_MS = 10_000;

let stack: WidgetStack;
let browser: Browser;

async function graphql<T>(
  query: string,
  variables: Record<string, unknown>,
): Promise<{ data?: T; errors?: Array<{ extensions?: { code?: string } }> }> {
  const response = await fetch(stack.graphqlUrl, {
    method: 'POST',
    // The attacker talks to the server like the host's own page would (any tenant can, in its own name).
    headers: { 'content-type': 'application/json', origin: new URL(stack.demoUrl).origin },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: T; errors?: Array<{ extensions?: { code?: string } }> };
}

/** The attacker's own attempt (plain popup mode, or back to the host page with `returnTo`). */
async function attackerConnect(returnTo?: string): Promise<{ authorizationUrl: string; attemptId: string }> {
  const { data, errors } = await graphql<{ connect: { authorizationUrl: string; attemptId: string } }>(
    `
      mutation ($i: IdentityInput, $r: String) {
        connect(provider: HUBSPOT, identity: $i, returnTo: $r) {
          authorizationUrl
          attemptId
        }
      }
    `,
    { i: ATTACKER, r: returnTo },
  );
  if (!data) throw new Error(`connect failed: ${JSON.stringify(errors)}`);
  return data.connect;
}

const connectionOf = async (who: { userId: string; orgId: string }) =>
  (
    await graphql<{ credentials: { status: string } | null }>(
      `
        query ($i: IdentityInput) {
          credentials(provider: HUBSPOT, identity: $i) {
            status
          }
        }
      `,
      { i: who },
    )
  ).data?.credentials ?? null;

/** Waits until the callback has run for the attempt (its outcome left PENDING). */
async function callbackDone(attemptId: string): Promise<string> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const outcome = await stack.stores.attempts.readOutcome(attemptId);
    if (outcome && outcome.status !== 'PENDING') return outcome.status;
    if (Date.now() > deadline) throw new Error('the callback never ran');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The refresh token of the grant waiting for the attempt's confirmation (looked at, put back untouched). */
async function pendingRefreshToken(attemptId: string): Promise<string> {
  const grant = await stack.stores.pendingGrants.take(attemptId);
  if (!grant?.refreshToken) throw new Error('no grant waits for this attempt');
  await stack.stores.pendingGrants.put(grant);
  return grant.refreshToken;
}

/** Whether HubSpot still honours a refresh token (its token metadata answers 404 once revoked). */
const alive = async (refreshToken: string) =>
  (await fetch(`${stack.sandbox.hubspot.apiUrl}/oauth/v1/refresh-tokens/${encodeURIComponent(refreshToken)}`)).ok;

/** What the attacker can still try: confirm their attempt with anything they can think of. */
async function attackerTriesToConfirm(attemptId: string): Promise<Array<string | undefined>> {
  const codes = [];
  for (const confirmation of ['A'.repeat(43), attemptId, '']) {
    const { errors } = await graphql(
      `
        mutation ($a: ID!, $c: String!, $i: IdentityInput) {
          confirmConnect(attemptId: $a, confirmation: $c, identity: $i) {
            status
          }
        }
      `,
      { a: attemptId, c: confirmation, i: ATTACKER },
    );
    codes.push(errors?.[0]?.extensions?.code);
  }
  return codes;
}

async function approveIn(page: Page): Promise<void> {
  await page.locator('#sandbox-allow').click();
}

describe('consent attack suite (real Chromium, the demo host page, sandbox providers)', () => {
  const attack = attackSuite('consent');
  let evil: Server;
  let evilOrigin: string;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startWidgetStack(), chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })]);
    // A page of the attacker's own, on a foreign origin, that opens the consent link in a popup.
    evil = createServer((req, res) => {
      const target = new URL(req.url ?? '/', 'http://x').searchParams.get('to') ?? '';
      res.setHeader('content-type', 'text/html');
      res.end(`<!doctype html><title>Win a prize</title><button id="go">Claim</button><script>
        window.received = [];
        addEventListener('message', (event) => window.received.push({ origin: event.origin, data: event.data }));
        document.getElementById('go').onclick = () => window.open(${JSON.stringify(target)}, 'prize', 'popup,width=500,height=600');
      </script>`);
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    evilOrigin = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await new Promise((resolve) => evil?.close(resolve));
  });

  attack(
    "the attacker's link approved in a browser without the opener: nobody is connected, the grant is discarded",
    async () => {
      const { authorizationUrl, attemptId } = await attackerConnect();
      const page = await browser.newPage(); // the victim, opening the link they were sent
      page.setDefaultTimeout(STEP_TIMEOUT_MS);
      await page.goto(authorizationUrl);
      await approveIn(page);
      expect(await callbackDone(attemptId)).not.toBe('CONNECTED');
      expect(await connectionOf(ATTACKER)).toBeNull();
      await page.getByText('If you did not start this, close this window').waitFor();

      const refreshToken = await pendingRefreshToken(attemptId);
      expect(await attackerTriesToConfirm(attemptId)).toEqual(['FORBIDDEN', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
      expect(await connectionOf(ATTACKER)).toBeNull();
      expect(await alive(refreshToken)).toBe(false);
      await page.close();
    },
    30_000,
  );

  attack(
    "the attacker's page on a foreign origin opens the link in a popup: the confirmation never reaches it",
    async () => {
      const { authorizationUrl, attemptId } = await attackerConnect();
      const page = await browser.newPage();
      page.setDefaultTimeout(STEP_TIMEOUT_MS);
      await page.goto(`${evilOrigin}/?to=${encodeURIComponent(authorizationUrl)}`);
      const [popup] = await Promise.all([page.waitForEvent('popup'), page.locator('#go').click()]);
      await approveIn(popup);
      expect(await callbackDone(attemptId)).not.toBe('CONNECTED');
      // Longer than the callback page waits for its opener before it would carry on.
      await new Promise((r) => setTimeout(r, 3_500));
      const received = await page.evaluate<Array<{ origin: string; data: unknown }>>('window.received');
      expect(JSON.stringify(received)).not.toMatch(/confirmation/);
      expect(await connectionOf(ATTACKER)).toBeNull();

      const refreshToken = await pendingRefreshToken(attemptId);
      expect((await attackerTriesToConfirm(attemptId))[0]).toBe('FORBIDDEN');
      expect(await alive(refreshToken)).toBe(false);
      await page.close();
    },
    30_000,
  );

  attack(
    'redirect mode landing on the host page of another identity: that page refuses the grant, nobody is connected',
    async () => {
      const { authorizationUrl, attemptId } = await attackerConnect(stack.demoUrl);
      const page = await browser.newPage(); // the victim: the link goes through the provider to the host page, as themselves
      page.setDefaultTimeout(STEP_TIMEOUT_MS);
      await page.goto(authorizationUrl);
      await approveIn(page);
      await page.waitForURL((url) => url.href.startsWith(stack.demoUrl));
      // The person reads the refusal in words; the code goes to the host in ic-error (the demo logs it).
      await page.locator('#log li', { hasText: /ic-error .*"code":"FORBIDDEN"/ }).waitFor();
      expect([...new URL(page.url()).searchParams.keys()]).toEqual([]);
      expect(await connectionOf(ATTACKER)).toBeNull();
      expect(await connectionOf(VICTIM_PAGE_IDENTITY)).toBeNull();
      // Discarded by the victim's page (and revoked at HubSpot, as the attacks above check): nothing waits any more.
      expect(await stack.stores.attempts.readOutcome(attemptId)).toMatchObject({ status: 'FAILED', errorCode: 'FORBIDDEN' });
      expect(await stack.stores.pendingGrants.take(attemptId)).toBeNull();
      expect((await attackerTriesToConfirm(attemptId))[0]).toBe('BAD_USER_INPUT');
      await page.close();
    },
    30_000,
  );
});
