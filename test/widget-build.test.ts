import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { describe, expect, it } from 'vitest';

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
