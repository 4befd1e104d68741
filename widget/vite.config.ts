import { fileURLToPath } from 'node:url';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * One config for both jobs:
 * - `vite` (dev server, also started programmatically by the root `npm start`): serves demo/ at `/`.
 * - `vite build`: the script-tag bundle, a single self-contained ES module with stock Lit inside.
 *
 * The only build-time rewriting of our code is Lit's own template minifier, which reads the
 * sources with the TypeScript parser (so regex literals and nested templates are syntax, not text)
 * and minifies `html` templates with html-minifier and `css` ones with lightningcss.
 */
export default defineConfig(({ command }) => ({
  root: `${here}demo`,
  envDir: here,
  // The built bundle is served at /integration-connector.js for demo/script-tag.html.
  publicDir: `${here}dist`,
  plugins: [
    {
      ...(minifyHtmlLiterals({
        include: [`${here}src/**/*.ts`],
        failOnError: true,
        options: { minifyOptions: { removeAttributeQuotes: true } },
      }) as unknown as Plugin),
      apply: 'build',
      enforce: 'pre',
    },
  ],
  server: { port: Number(process.env.DEMO_PORT ?? 3000), fs: { allow: [here] } },
  // Vite picks Lit's `development` build whenever NODE_ENV is not `production` (under vitest it is
  // `test`): pin the conditions for builds so every build, in any environment, is the shipped file.
  ...(command === 'build' ? { resolve: { conditions: ['module', 'browser', 'production'] } } : {}),
  build: {
    outDir: `${here}dist`,
    emptyOutDir: false,
    copyPublicDir: false,
    target: 'es2022',
    lib: {
      entry: `${here}src/index.ts`,
      formats: ['es'],
      fileName: () => 'integration-connector.js',
    },
    rolldownOptions: {
      output: {
        // German, French and Spanish are chunks of their own beside the bundle, fetched when spoken:
        // integration-connector.de.js, .fr.js, .es.js (stable names, so a CDN path is predictable).
        chunkFileNames: 'integration-connector.[name].js',
        // Vite 8 library mode leaves whitespace in ES output unless told to minify.
        minify: true,
        // `/* @__PURE__ */` annotations are for a later bundler; this file is the end product.
        comments: false,
      },
    },
  },
}));
