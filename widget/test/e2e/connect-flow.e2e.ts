/**
 * End-to-end: the demo page against the real server + provider sandbox, in Debian Chromium through
 * playwright-core (no browser download). NOT part of the default widget test run: it needs `npm start`
 * (server, sandbox and the demo on DEMO_URL) and the server's connect flow. Run: `npm run test:e2e -w widget`.
 * Writes a screenshot of the loaded state per provider to test-results/widget-e2e/ (not committed).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

const DEMO_URL = process.env.DEMO_URL ?? 'http://localhost:3000/';
const SHOTS = new URL('../../../test-results/widget-e2e/', import.meta.url);
const PROVIDERS = ['hubspot', 'airtable', 'notion'] as const;
const APPROVE = /approve|allow|authori[sz]e|accept/i;
const DENY = /deny|decline|cancel|reject/i;

async function openDemo(browser: Browser, init?: () => void): Promise<Page> {
  const page = await browser.newPage();
  if (init) await page.addInitScript(init);
  await page.goto(DEMO_URL);
  return page;
}

async function fillForm(page: Page, provider: string): Promise<void> {
  await page.getByRole('textbox', { name: 'User' }).fill(`e2e-user-${provider}`);
  await page.getByRole('textbox', { name: 'Organization' }).fill('e2e-org');
  await page.getByRole('combobox', { name: 'Integration' }).selectOption(provider);
}

/** Clicks Connect and returns the consent popup. */
async function connect(page: Page): Promise<Page> {
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: 'Connect' }).click()]);
  await popup.waitForLoadState();
  return popup;
}

/** The sandbox may approve by itself; otherwise press its approve button. */
async function approve(popup: Page): Promise<void> {
  const button = popup.getByRole('button', { name: APPROVE }).first();
  await button.click({ timeout: 3000 }).catch(() => undefined);
}

async function happyPath(browser: Browser, provider: string): Promise<void> {
  const page = await openDemo(browser);
  await fillForm(page, provider);
  await approve(await connect(page));
  await page.getByText(/^Connected to /).waitFor();
  await page.getByRole('button', { name: 'Load data' }).click();
  const tree = page.getByRole('tree');
  await tree.waitFor();
  assert.ok((await page.getByRole('treeitem').count()) > 0, 'tree shows items');
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: new URL(`${provider}-loaded.png`, SHOTS).pathname, fullPage: true });
  const firstName = (await page.getByRole('treeitem').first().locator('[part=item__title]').textContent()) ?? '';
  await page.getByRole('searchbox', { name: 'Filter' }).fill(firstName.slice(0, 4));
  assert.ok((await page.getByRole('treeitem').count()) > 0, 'filter keeps matches');
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByText('Disconnected.').waitFor();
  await page.close();
}

async function denied(browser: Browser): Promise<void> {
  const page = await openDemo(browser);
  await fillForm(page, 'hubspot');
  const popup = await connect(page);
  await popup.getByRole('button', { name: DENY }).first().click();
  await page.getByRole('alert').getByText('DENIED').waitFor();
  await page.close();
}

async function closedEarly(browser: Browser): Promise<void> {
  const page = await openDemo(browser);
  await fillForm(page, 'airtable');
  const popup = await connect(page);
  await popup.close();
  await page.getByText('Connection cancelled.').waitFor();
  await page.close();
}

async function blocked(browser: Browser): Promise<void> {
  const page = await openDemo(browser, () => {
    window.open = () => null;
  });
  await fillForm(page, 'notion');
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByRole('alert').getByText('POPUP_BLOCKED').waitFor();
  await page.getByRole('button', { name: 'Continue in this tab' }).click();
  await page.waitForURL((url) => url.origin !== new URL(DEMO_URL).origin);
  const consent = page.getByRole('button', { name: APPROVE }).first();
  await consent.click({ timeout: 3000 }).catch(() => undefined);
  await page.waitForURL((url) => url.href.startsWith(DEMO_URL));
  await page.getByText(/^Connected to /).waitFor();
  assert.ok(!page.url().includes('ic_attempt='), 'ic_attempt removed from the URL');
  await page.close();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  for (const provider of PROVIDERS) {
    await happyPath(browser, provider);
    console.log(`ok - ${provider}: connect, load, filter, disconnect`);
  }
  for (const [name, run] of [['deny', denied], ['popup closed early', closedEarly], ['popup blocked -> redirect', blocked]] as const) {
    await run(browser);
    console.log(`ok - ${name}`);
  }
} finally {
  await browser.close();
}
