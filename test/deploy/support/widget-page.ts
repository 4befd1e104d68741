import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../support/chromium.mjs';
import { freePort } from '../../support/redis-server.js';

export interface WidgetView {
  /** The legend of the provider group, from the language chunk the bundle fetched. */
  legend: string;
  tiles: number;
  /** The widget's own `credentials` answer, as the server sent it. */
  credentials: unknown;
  /** User/Organization inputs shown (none in signed mode). */
  identityFields: number;
  /** The error alert's text, when it says something. */
  error: string | null;
}

interface PageRoot {
  querySelector(selector: string): { textContent: string | null } | null;
  querySelectorAll(selector: string): { length: number };
}
interface PageGlobals {
  document: { querySelector(selector: string): { shadowRoot: PageRoot | null } | null };
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

/**
 * The scratch app's index.html and the installed package's dist/ files, served on a loopback port
 * (nothing else of the app), and a Chromium to open the page in.
 */
export async function openWidgetPage(app: string) {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const files = createServer((request, response) => {
    const path = new URL(request.url ?? '/', origin).pathname;
    const allowed = path === '/index.html' || /^\/node_modules\/integration-connector\/dist\/[\w.-]+\.js$/.test(path);
    if (!allowed) return void response.writeHead(404).end();
    try {
      const body = readFileSync(join(app, path));
      response.writeHead(200, { 'content-type': TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => files.listen(port, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

  async function show(options: { endpoint: string; token: string; provider: string }): Promise<WidgetView> {
    const page = await browser.newPage();
    try {
      const credentials = page.waitForResponse((response) => response.request().postData()?.includes('query Credentials') ?? false);
      await page.goto(`${origin}/index.html?${new URLSearchParams(options).toString()}`);
      const answer: unknown = await (await credentials).json();
      await page.waitForFunction(
        () =>
          (globalThis as unknown as PageGlobals).document
            .querySelector('integration-connector')
            ?.shadowRoot?.querySelectorAll('[part~=provider]').length === 3,
      );
      const view = await page.evaluate(() => {
        // In the page: its document, typed as far as this reads it (the Node side has no DOM types).
        const root = (globalThis as unknown as PageGlobals).document.querySelector('integration-connector')!.shadowRoot!;
        return {
          legend: root.querySelector('legend')?.textContent?.trim() ?? '',
          tiles: root.querySelectorAll('[part~=provider]').length,
          identityFields: root.querySelectorAll('[part~=form] input').length,
          error: root.querySelector('[part~=error]')?.textContent?.trim() || null,
        };
      });
      return { ...view, credentials: answer };
    } finally {
      await page.close();
    }
  }

  return {
    origin,
    show,
    close: async () => {
      await browser.close();
      await new Promise((resolve) => files.close(resolve));
    },
  };
}
