import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { minifyLiteralsPlugin } from './build/minify-literals.js';

const here = fileURLToPath(new URL('.', import.meta.url));

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
  plugins: [minifyLiteralsPlugin()],
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
      // Vite 8 library mode leaves whitespace in ES output unless told to minify.
      output: { minify: true },
    },
  },
});
