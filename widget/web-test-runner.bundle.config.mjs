import base from './web-test-runner.config.mjs';

/**
 * The same browser suite against the file users get: every import of the widget's entry
 * (`src/index.ts`) resolves to the built `dist/integration-connector.js` (`npm run build:widget`
 * first; scripts/test.sh does). Unit tests of pure modules (tree building, catalogues) still read
 * their source modules; everything that mounts an element mounts the bundle's.
 */
const ENTRY = /\/widget\/src\/index\.(ts|js)$/;

export default {
  ...base,
  plugins: [
    {
      name: 'integration-connector:use-built-bundle',
      resolveImport({ source, context }) {
        const resolved = new URL(source, `http://x${context.path}`).pathname;
        if (ENTRY.test(resolved)) return '/widget/dist/integration-connector.js';
        return undefined;
      },
    },
    ...base.plugins,
  ],
  testRunnerHtml: (testFramework) =>
    `<html><body><script>window.IC_WIDGET_UNDER_TEST = 'bundle';</script><script type="module" src="${testFramework}"></script></body></html>`,
};
