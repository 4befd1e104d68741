import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { minifyLiteralsPlugin } from './build/minify-literals.js';
import { trimLitHtmlPlugin } from './build/trim-lit-html.js';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Property names used only inside the widget's own modules (state, rows, controller members), renamed
 * in the bundle. Never list a public property, a GraphQL field, a name lit-html uses or a DOM/JS name
 * (`filter`, `lang`, `abort`...): a listed name is renamed everywhere in the bundle.
 */
const INTERNAL_NAMES =
  /^(notice|focusTarget|ready|setItems|loadProviders|check|kind|checking|blocked|level|expandable|expanded|position|siblings|roots|errorMessage|onUser|onOrg|onProvider|finishAttempt|serverOrigin|readAttempt|closedPollMs|graceMs|remembered)$/;

/**
 * One config for both jobs:
 * - `vite` (dev server, also started programmatically by the root `npm start`): serves demo/ at `/`.
 * - `vite build`: the script-tag bundle, a single self-contained ES module with Lit inside.
 */
export default defineConfig({
  root: `${here}demo`,
  envDir: here,
  // The built bundle is served at /integration-connector.js for demo/script-tag.html.
  publicDir: `${here}dist`,
  plugins: [minifyLiteralsPlugin(), trimLitHtmlPlugin()],
  server: { port: Number(process.env.DEMO_PORT ?? 3000), fs: { allow: [here] } },
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
        // Vite 8 library mode leaves whitespace in ES output unless told to minify. Class-private
        // members are `#private` and get one-letter names from `mangle`; `mangleProps` also shortens
        // the internal names shared between the widget's modules (see INTERNAL_NAMES).
        minify: { compress: true, mangle: true, codegen: true, mangleProps: { include: INTERNAL_NAMES } },
        // `/* @__PURE__ */` annotations are for a later bundler; this file is the end product.
        comments: false,
      },
    },
  },
});
