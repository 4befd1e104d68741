import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * `dist/react.js` (`integration-connector/react`): the React wrapper alone. React, @lit/react and
 * the element itself (`integration-connector`, the package's own main file) stay imports, so an
 * app has one React and one copy of the element.
 */
export default defineConfig({
  build: {
    outDir: `${here}dist`,
    emptyOutDir: false,
    copyPublicDir: false,
    target: 'es2022',
    lib: { entry: `${here}src/react.ts`, formats: ['es'], fileName: () => 'react.js' },
    rolldownOptions: {
      external: ['react', '@lit/react', 'integration-connector'],
      output: { minify: true, comments: false },
    },
  },
});
