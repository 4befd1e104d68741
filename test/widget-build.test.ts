import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../widget/build/bundle.js';

/**
 * The widget's templates are minified by Lit's own plugin, which reads the source with the
 * TypeScript parser. The hand-written minifier it replaced read text: `const close = /[}]/;`
 * truncated the module and `/'/` silently skipped every template after it.
 */
describe('template minification (widget/vite.config.ts)', () => {
  const plugin = minifyHtmlLiterals({ failOnError: true });
  const minify = async (code: string) => {
    const transform = plugin.transform as unknown as (this: unknown, code: string, id: string) => Promise<{ code: string } | null>;
    const result = await transform.call({ warn: () => {} }, code, '/widget/src/probe.ts');
    return result?.code ?? code;
  };

  it('leaves regex literals alone and still minifies the templates after them', async () => {
    const source = [
      "import { html, css } from 'lit';",
      'const close = /[}]/;',
      "const quote = /'/;",
      'export const view = () => html`<div part="base">\n    <p>  hello  </p>\n  </div>`;',
      'export const styles = css`:host {\n  display: block;\n}`;',
      'export const after = close.test("}") && quote.test("\'");',
    ].join('\n');
    const out = await minify(source);
    expect(out).toContain('const close = /[}]/;');
    expect(out).toContain("const quote = /'/;");
    expect(out).toContain('html`<div part="base"><p>hello</p></div>`');
    expect(out).toContain('css`:host{display:block}`');
    expect(out).toContain('export const after = close.test("}") && quote.test("\'");');
  });
});

/**
 * The bundle fetches its chunks (one per language) from beside itself: a package without them
 * renders message keys instead of words. npm itself decides what `files` ships: it packs a fresh
 * build laid out as dist/ would be.
 */
describe('the npm package (widget/package.json `files`)', () => {
  it('ships the bundle, every chunk it loads and the React wrapper', async () => {
    const { code, chunks, react } = await buildBundle({ react: true });
    const dir = mkdtempSync(join(tmpdir(), 'ic-pack-'));
    try {
      const widget = fileURLToPath(new URL('../widget/', import.meta.url));
      for (const file of ['package.json', 'README.md', 'custom-elements.json']) copyFileSync(join(widget, file), join(dir, file));
      mkdirSync(join(dir, 'dist'));
      const built = { 'integration-connector.js': code, 'react.js': react!, ...chunks };
      for (const [file, content] of Object.entries(built)) writeFileSync(join(dir, 'dist', file), content);
      const [pack] = JSON.parse(
        execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8' }),
      ) as Array<{ files: Array<{ path: string }> }>;
      const packed = pack!.files.map((file) => file.path);
      expect(Object.keys(chunks).length).toBeGreaterThan(0);
      for (const file of Object.keys(built)) expect(packed, file).toContain(`dist/${file}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
