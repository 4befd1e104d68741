/**
 * End-to-end: the demo page (widget from source) against the real GraphQL server and the provider
 * sandbox, in Debian Chromium through playwright-core (no browser download). Each provider goes
 * through the whole flow a person would: fill User/Organization, pick the integration, Connect,
 * Allow in the popup, "Connected to ...", Load data, the tree, filter, Disconnect. Then the ways a
 * consent goes wrong: denied with a redirect (Airtable), denied on a page that never redirects
 * (HubSpot: only the server can tell), the popup closed early, the popup blocked (redirect mode and
 * resume through `ic_attempt`), redirect mode for every provider, a host page whose COOP header cuts the
 * popup's opener (the popup continues on the host page and confirms there), and the built single file
 * on the script-tag page.
 * Screenshots of the loaded state: test-results/widget-e2e/{provider}.png (not committed).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildWidgetBundle,
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  routeWidgetBundle,
  startWidgetStack,
  type WidgetStack,
} from './support/widget-stack.js';

const SHOTS = new URL('../../test-results/widget-e2e/', import.meta.url).pathname;
const STEP_TIMEOUT_MS = 10_000;
const NAMES: Record<string, string> = { hubspot: 'HubSpot', airtable: 'Airtable', notion: 'Notion' };

let stack: WidgetStack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startWidgetStack(), chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })]);
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function openDemo(url = stack.demoUrl, init?: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  if (init) await page.addInitScript(init);
  await page.goto(url);
  return page;
}

async function fillForm(page: Page, provider: string, user: string): Promise<void> {
  await page.getByRole('textbox', { name: 'User' }).fill(user);
  await page.getByRole('textbox', { name: 'Organization' }).fill('e2e-org');
  // Tiles come from the server's `providers` query: pick ours by its name, as a person does.
  await page.getByRole('radio', { name: NAMES[provider] }).check();
  await expectStatus(page, (text) => !text.includes('Checking'));
}

/** Clicks Connect and returns the consent popup, showing the sandbox's consent page. */
async function connect(page: Page): Promise<Page> {
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: 'Connect', exact: true }).click()]);
  await popup.locator('#sandbox-allow').waitFor();
  return popup;
}

const statusOf = (page: Page) => page.locator('integration-connector [part=status]').innerText();
const alertOf = (page: Page) => page.locator('integration-connector [part=error]').innerText();

/** Polls `check` (25 ms) until it returns true; fails with `describe()` after STEP_TIMEOUT_MS. */
async function until(check: () => Promise<boolean>, describe: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(await describe());
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function expectStatus(page: Page, accept: (text: string) => boolean): Promise<string> {
  let text = '';
  await until(
    async () => accept((text = await statusOf(page))),
    async () => `status never matched; last: "${text}" (alert: "${await alertOf(page)}")`,
  );
  return text;
}

/** The demo page logs the widget's events (the script-tag page has no log). */
async function expectLogged(page: Page, type: string): Promise<void> {
  const log = page.locator('#log');
  if (await log.count()) expect(await log.innerText()).toContain(type);
}

/** Resolves once the popup is gone (it may already be). */
async function closed(popup: Page): Promise<void> {
  if (!popup.isClosed()) await popup.waitForEvent('close', { timeout: STEP_TIMEOUT_MS });
}

/** The alert says what failed in words (codes are only in `ic-error`). */
async function expectAlert(page: Page, words: string): Promise<void> {
  await page.locator('integration-connector [part=error]', { hasText: words }).waitFor();
  expect(await alertOf(page)).not.toMatch(/[A-Z]{3,}_[A-Z]+|DENIED|EXPIRED/);
}

/**
 * The whole flow a person goes through on `page` (the demo or the script-tag page): connect, load,
 * open a folder, filter, disconnect. With `screenshot`, the loaded state is saved in test-results/.
 */
async function connectLoadFilterDisconnect(page: Page, provider: string, screenshot?: string): Promise<void> {
  await fillForm(page, provider, `e2e-${screenshot ? '' : 'bundle-'}${provider}`);
  const popup = await connect(page);
  await popup.locator('#sandbox-allow').click();
  const connected = await expectStatus(page, (text) => text.startsWith('Connected to '));
  await closed(popup); // the callback page closes itself on success
  await expectLogged(page, 'ic-connect');

  await page.getByRole('button', { name: 'Load data' }).click();
  await page.getByRole('tree').waitFor();
  const loaded = await expectStatus(page, (text) => text.endsWith(' items'));
  expect(loaded).toContain(connected);
  const rows = page.getByRole('treeitem');
  const roots = await rows.count();
  expect(roots).toBeGreaterThan(0);
  // Open the first folder from the keyboard (the tree pattern) so the screenshot shows a tree.
  const at = await page.locator('[role=treeitem][aria-expanded=false]').first().getAttribute('data-i');
  expect(at, 'every sandbox has folders').not.toBeNull();
  const folder = page.locator(`[role=treeitem][data-i="${at}"]`);
  await folder.focus();
  await page.keyboard.press('ArrowRight');
  await until(
    async () => (await rows.count()) > roots,
    async () => 'the first folder did not open',
  );
  expect(await folder.getAttribute('aria-expanded')).toBe('true');
  if (screenshot) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, screenshot), fullPage: true });
  }

  // Filter by the first row's name: every remaining row matches it.
  const name = (await rows.first().locator('[part=item__title]').innerText()).trim();
  const needle = name.slice(0, Math.min(6, name.length));
  await page.getByRole('searchbox', { name: 'Filter' }).fill(needle);
  await until(
    async () => {
      const texts = await rows.allInnerTexts();
      return texts.length > 0 && texts.every((text) => text.toLowerCase().includes(needle.toLowerCase()));
    },
    async () => `filter "${needle}" left: ${JSON.stringify(await rows.allInnerTexts())}`,
  );

  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expectStatus(page, (text) => text === 'Disconnected.');
  await expectLogged(page, 'ic-disconnect');
}

describe('widget e2e: connect, load, filter, disconnect for every provider', () => {
  for (const provider of ['hubspot', 'airtable', 'notion'] as const) {
    it(
      provider,
      async () => {
        const page = await openDemo();
        await connectLoadFilterDisconnect(page, provider, `${provider}.png`);
        await page.close();
      },
      30_000,
    );
  }
});

describe('widget e2e: redirect mode for every provider (back with ic_attempt and ic_confirmation, confirmed, both removed)', () => {
  for (const provider of ['hubspot', 'airtable', 'notion'] as const) {
    it(
      provider,
      async () => {
        const page = await openDemo();
        await page.locator('integration-connector').evaluate((el: { mode: string }) => void (el.mode = 'redirect'));
        await fillForm(page, provider, `e2e-redirect-${provider}`);
        await page.getByRole('button', { name: 'Connect', exact: true }).click();
        await page.locator('#sandbox-allow').click();
        await page.waitForURL((url) => url.href.startsWith(stack.demoUrl));
        await expectStatus(page, (text) => text.startsWith('Connected to '));
        const back = new URL(page.url());
        expect([...back.searchParams.keys()]).toEqual([]);
        await expectLogged(page, 'ic-connect');
        expect(await page.getByRole('textbox', { name: 'User' }).inputValue()).toBe(`e2e-redirect-${provider}`);
        expect(await page.getByRole('radio', { name: NAMES[provider] }).isChecked()).toBe(true);
        await page.close();
      },
      30_000,
    );
  }
});

describe('widget e2e: a host page with Cross-Origin-Opener-Policy: same-origin', () => {
  it('the popup loses its opener, continues on the host page, confirms there and closes; the page that opened it shows Connected', async () => {
    // The host's pages send COOP, added here by routing. A routed (fulfilled) document has no network
    // address, so Chromium would count it as public and refuse its calls to 127.0.0.1: this browser
    // skips that local-network check, which has nothing to do with what is tested.
    const coopBrowser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, '--disable-features=LocalNetworkAccessChecks'],
    });
    try {
      const context = await coopBrowser.newContext({ viewport: { width: 900, height: 900 } });
      await context.route(`${stack.demoUrl}**`, async (route) => {
        if (route.request().resourceType() !== 'document') return route.continue();
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), 'cross-origin-opener-policy': 'same-origin' } });
      });
      const page = await context.newPage();
      page.setDefaultTimeout(STEP_TIMEOUT_MS);
      await page.goto(stack.demoUrl);
      // The continued page renders the widget for the page's own identity (the demo's defaults here).
      await page.getByRole('radio', { name: NAMES.notion }).check();
      await expectStatus(page, (text) => !text.includes('Checking'));
      const popup = await connect(page);
      // Without an opener the widget cannot hear the popup: it calls the closed popup "cancelled"...
      await expectStatus(page, (text) => text === 'Connection cancelled.');
      await popup.locator('#sandbox-allow').click();
      // ...until the popup, continued on the host page, confirms there and tells it.
      await expectStatus(page, (text) => text.startsWith('Connected to '));
      await expectLogged(page, 'ic-connect');
      await closed(popup);
    } finally {
      await coopBrowser.close();
    }
  }, 30_000);
});

describe('widget e2e: consents that do not end in a connection', () => {
  it('Airtable: Deny redirects back with access_denied and the widget shows DENIED', async () => {
    const page = await openDemo();
    await fillForm(page, 'airtable', 'e2e-deny-airtable');
    const popup = await connect(page);
    await popup.locator('#sandbox-deny').click();
    await expectAlert(page, 'Access was not granted. Connect again and choose Allow.');
    await expectLogged(page, '"code":"DENIED"');
    await closed(popup);
    await page.close();
  }, 30_000);

  it('HubSpot: Deny shows a page and never redirects; once the popup is closed the server says "still pending": cancelled', async () => {
    const page = await openDemo();
    await fillForm(page, 'hubspot', 'e2e-deny-hubspot');
    const popup = await connect(page);
    await popup.locator('#sandbox-deny').click();
    await popup.waitForLoadState();
    expect(popup.url()).not.toContain('oauth2callback');
    await popup.close();
    await expectStatus(page, (text) => text === 'Connection cancelled.');
    expect(await alertOf(page)).toBe('');
    await page.getByRole('button', { name: 'Connect', exact: true }).waitFor();
    await page.close();
  }, 30_000);

  it('Notion: the popup closed before consenting is "cancelled", and Connect works again', async () => {
    const page = await openDemo();
    await fillForm(page, 'notion', 'e2e-closed');
    await (await connect(page)).close();
    await expectStatus(page, (text) => text === 'Connection cancelled.');
    const popup = await connect(page);
    await popup.locator('#sandbox-allow').click();
    await expectStatus(page, (text) => text.startsWith('Connected to '));
    await page.close();
  }, 30_000);

  it('blocked popup: "Continue in this tab" leaves for the consent and resumes through ic_attempt', async () => {
    const page = await openDemo(stack.demoUrl, 'window.open = () => null;');
    await fillForm(page, 'notion', 'e2e-blocked');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expectAlert(page, 'Allow pop-ups for this site');
    await page.getByRole('button', { name: 'Try again' }).waitFor();
    await page.getByRole('button', { name: 'Continue in this tab' }).click();
    await page.locator('#sandbox-allow').click();
    await page.waitForURL((url) => url.href.startsWith(stack.demoUrl));
    await expectStatus(page, (text) => text.startsWith('Connected to '));
    expect(new URL(page.url()).searchParams.has('ic_attempt')).toBe(false);
    expect(new URL(page.url()).searchParams.has('ic_confirmation')).toBe(false);
    // The identity typed before leaving wins over the demo page's default attributes.
    expect(await page.getByRole('textbox', { name: 'User' }).inputValue()).toBe('e2e-blocked');
    expect(await page.getByRole('radio', { name: 'Notion' }).isChecked()).toBe(true);
    await page.close();
  }, 30_000);
});

describe('widget e2e: the demo pages at 375 px', () => {
  it('the event log wraps long entries instead of scrolling the page sideways; both pages have a <main>', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await page.goto(stack.demoUrl);
    // Browser-side code as strings: this file is type-checked for Node, without DOM types.
    await page.evaluate(`(() => {
      const entry = document.createElement('li');
      entry.textContent = '12:00:00 ic-error ' + JSON.stringify({ code: 'PROVIDER_RATE_LIMITED', message: 'x'.repeat(40) + 'https://example.test/'.repeat(4) });
      document.querySelector('#log').prepend(entry);
    })()`);
    expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
    expect(await page.locator('main').count()).toBe(1);
    await page.goto(stack.scriptTagUrl);
    expect(await page.locator('main').count()).toBe(1);
    await page.close();
  }, 30_000);
});

describe('widget e2e: the built single file', () => {
  let bundle: Record<string, Buffer>;
  beforeAll(async () => {
    bundle = await buildWidgetBundle();
  }, 30_000);

  it('script-tag page: the minified bundle goes through the whole flow', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await routeWidgetBundle(page, bundle);
    await page.goto(stack.scriptTagUrl);
    await connectLoadFilterDisconnect(page, 'notion');
    await page.close();
  }, 30_000);
});
