/**
 * Every state a person meets, as they see it: the freshly built bundle (and its chunks) on a plain
 * page against the widget tests' scripted GraphQL endpoint (the real SDL), in Debian Chromium,
 * light and dark, 1280 and 375 px wide, in English, German, French and Spanish. Screenshots go to
 * test-results/widget-states/<lang>-<theme>-<width>-<state>.png (not committed) for people to look
 * at; the test asserts what a screenshot cannot hide: nothing sticks out sideways, and no error
 * code or untranslated message id is on screen.
 */
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import Koa from 'koa';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptedGraphql } from '../../widget/test/support/scripted-graphql.mjs';
import { buildWidgetBundle, CHROMIUM_ARGS, CHROMIUM_PATH } from './support/widget-stack.js';
import { freePort } from '../support/redis-server.js';

const SHOTS = new URL('../../test-results/widget-states/', import.meta.url).pathname;

let browser: Browser;
let server: Server;
let origin: string;

beforeAll(async () => {
  const files = await buildWidgetBundle();
  const app = new Koa();
  app.use(scriptedGraphql());
  app.use(async (ctx, next) => {
    const file = ctx.path.slice(1);
    if (files[file]) {
      ctx.type = 'text/javascript';
      ctx.body = files[file];
    } else if (ctx.path === '/gallery.html') {
      const { lang = 'en', theme = 'light' } = ctx.query as Record<string, string>;
      ctx.type = 'html';
      ctx.body = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>widget states</title><style>body{margin:0;padding:16px;font:16px system-ui;background:${theme === 'dark' ? '#121316' : '#f4f5f7'}}</style></head>
        <body><main><integration-connector user="u-42" org="acme" provider="hubspot" theme="${theme}"><h2 style="margin:0;color:${theme === 'dark' ? '#e8e8ec' : '#1b1c1f'}">Connect your CRM</h2></integration-connector></main>
        <script type="module" src="/integration-connector.js"></script></body></html>`;
    } else await next();
  });
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  mkdirSync(SHOTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

type Script = Record<string, unknown>;

// Browser-side code is written as strings: this file is type-checked for Node, without DOM types.

/** Points the page's widget at a fresh scripted endpoint. */
async function play(page: Page, script: Script): Promise<void> {
  await page.evaluate(`(async (script) => {
    const sid = crypto.randomUUID();
    await fetch('/ic-test/scenario', { method: 'POST', body: JSON.stringify({ sid, script }) });
    document.querySelector('integration-connector').endpoint = location.origin + '/graphql?sid=' + sid;
  })(${JSON.stringify(script)})`);
}

const widget = (page: Page) => page.locator('integration-connector');
const stateIs = (page: Page, state: string) =>
  page.waitForFunction(`document.querySelector('integration-connector').state === ${JSON.stringify(state)}`);
const settled = (page: Page) =>
  page.waitForFunction(`(() => {
    const root = document.querySelector('integration-connector').shadowRoot;
    return !!root && !!root.querySelector('input[type=radio]') && !root.querySelector('[part=status]').textContent.includes('…');
  })()`);
const click = (page: Page, part: string) => widget(page).locator(`[data-focus=${part}]`).click();

/** Each state: how to get there from a fresh page. */
const STATES: Record<string, (page: Page) => Promise<void>> = {
  idle: async (page) => {
    await play(page, {});
    await settled(page);
  },
  connecting: async (page) => {
    await play(page, { popup: 'stay' });
    await settled(page);
    await click(page, 'connect');
    await stateIs(page, 'connecting');
  },
  'popup-blocked': async (page) => {
    await page.evaluate('window.open = () => null');
    await play(page, {});
    await settled(page);
    await click(page, 'connect');
    await widget(page).locator('[data-focus=redirect]').waitFor();
  },
  connected: async (page) => {
    await play(page, { credentials: 'CONNECTED' });
    await stateIs(page, 'connected');
    await page.waitForTimeout(100);
  },
  'rate-limited': async (page) => {
    await play(page, { credentials: 'CONNECTED', items: 400, pageSize: 100, rateLimit: { afterItems: 200, retryAfterSeconds: 8 } });
    await stateIs(page, 'connected');
    await click(page, 'load');
    await widget(page).locator('[part=status]', { hasText: /8|9/ }).waitFor();
    await widget(page).locator('[role=treeitem]').first().waitFor();
  },
  loaded: async (page) => {
    await play(page, { credentials: 'CONNECTED', items: 60, incompleteFrom: 50 });
    await stateIs(page, 'connected');
    await click(page, 'load');
    await stateIs(page, 'loaded');
    await widget(page).locator('[role=treeitem]').first().click();
  },
  filtered: async (page) => {
    await play(page, { credentials: 'CONNECTED', items: 60 });
    await stateIs(page, 'connected');
    await click(page, 'load');
    await stateIs(page, 'loaded');
    await widget(page).locator('[data-focus=filter]').fill('contact 1');
    await widget(page).locator('[part=count]').waitFor();
  },
  'reload-failed': async (page) => {
    await play(page, { credentials: 'CONNECTED', items: 30, failRun: 2 });
    await stateIs(page, 'connected');
    await click(page, 'load');
    await stateIs(page, 'loaded');
    await click(page, 'load');
    await stateIs(page, 'error');
  },
  'reconnect-required': async (page) => {
    await play(page, { credentials: 'RECONNECT_REQUIRED' });
    await stateIs(page, 'reconnect-required');
  },
  'dead-endpoint': async (page) => {
    await play(page, { errors: { providers: 'INTERNAL_SERVER_ERROR', credentials: 'INTERNAL_SERVER_ERROR' } });
    await widget(page).locator('[data-focus=retry]').waitFor();
  },
};

/** `IC_SCREENSHOTS=all` takes every row; by default (in npm test) one per language and one per theme/width pair. */
const FULL: Array<[lang: string, theme: 'light' | 'dark', width: number]> = [
  ['en', 'light', 1280],
  ['en', 'light', 375],
  ['en', 'dark', 1280],
  ['en', 'dark', 375],
  ['de', 'light', 375],
  ['de', 'dark', 1280],
  ['fr', 'light', 375],
  ['fr', 'dark', 1280],
  ['es', 'light', 375],
  ['es', 'dark', 1280],
];
const MATRIX = process.env.IC_SCREENSHOTS === 'all' ? FULL : FULL.filter((_, i) => [0, 3, 4, 7, 8].includes(i));

describe('every state, as a person sees it (screenshots in test-results/widget-states/)', () => {
  for (const [lang, theme, width] of MATRIX) {
    it(`${lang}, ${theme}, ${width} px`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: theme });
      try {
        for (const [state, reach] of Object.entries(STATES)) {
          const page = await context.newPage();
          page.setDefaultTimeout(10_000);
          await page.goto(`${origin}/gallery.html?lang=${lang}&theme=${theme}`);
          await reach(page);
          await page.waitForTimeout(50);
          await page.screenshot({ path: `${SHOTS}${lang}-${theme}-${width}-${state}.png`, fullPage: true });
          const seen = await page.evaluate<{ text: string; spilling: string[]; overflow: number; page: number }>(`(() => {
            const root = document.querySelector('integration-connector').shadowRoot;
            const base = root.querySelector('[part=base]');
            // Anything whose content is wider than itself (text running out of a tile, say).
            const spilling = [...root.querySelectorAll('[part=provider], [part=account], [part=error], [part=actions], [part=toolbar]')]
              .filter((part) => part.scrollWidth > part.clientWidth + 1)
              .map((part) => part.getAttribute('part'));
            const page = document.documentElement;
            return { text: root.textContent, spilling, overflow: base.scrollWidth - base.clientWidth, page: page.scrollWidth - page.clientWidth };
          })()`);
          expect(seen.overflow, `${state}: the widget scrolls sideways`).toBeLessThanOrEqual(0);
          expect(seen.spilling, `${state}: content spills out of its box`).toEqual([]);
          expect(seen.page, `${state}: the page scrolls sideways`).toBeLessThanOrEqual(0);
          expect(seen.text, `${state}: a code or a message id on screen`).not.toMatch(
            /\b[A-Z]{3,}_[A-Z_]+\b|\b(E|F|type|reads)_\w*|\{\w+\}/,
          );
          await page.close();
        }
      } finally {
        await context.close();
      }
    }, 90_000);
  }
});
