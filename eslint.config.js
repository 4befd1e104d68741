// @ts-check
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * `npm run lint`: typescript-eslint strict, type-checked (each file checked against the tsconfig
 * that owns it, through the project service), plus Lit and web-component rules for the widget.
 * Rules that fight a deliberate style of this codebase are configured below, each with its reason.
 */
export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/generated/**',
      'test-results/**',
      'bench/results/**',
      'coverage/**',
      'widget/custom-elements.json',
      // An app that installs the packed packages (test/deploy/packages.test.ts): some of its files
      // are wrong on purpose, and its imports resolve only once the packages are installed.
      'test/deploy/scratch-app/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            '*.js',
            'widget/*.mjs',
            'widget/test/support/*.mjs',
            'test/support/*.mjs',
            'scripts/*.mjs',
            'docs/examples/*.mjs',
          ],
        },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `Array<{ ... }>` for object and union element types, `T[]` for simple ones: the codebase's
      // convention, and what reads best on one line.
      '@typescript-eslint/array-type': ['error', { default: 'array-simple' }],
      // Concise arrows (`(ctx) => void respond(ctx)`, `() => resolve()`, Lit's `@click=${() => this.x()}`)
      // and `return void answer(ctx)` (answer, then stop) are deliberate; a void value used as a value
      // anywhere else is still an error.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true, ignoreVoidOperator: true }],
      // The same `return void answer(ctx)` idiom: the operator marks "nothing to return", on purpose.
      '@typescript-eslint/no-meaningless-void-operator': 'off',
      // Numbers in messages, URLs and keys are the everyday case; anything else must be made a string.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `async` without `await` is how a method keeps a Promise-returning contract (KeyValueStore,
      // resolvers, middleware) and turns a throw into a rejection.
      '@typescript-eslint/require-await': 'off',
      // Listeners that must exist but do nothing (`client.on('error', () => {})`) are arrows.
      '@typescript-eslint/no-empty-function': ['error', { allow: ['arrowFunctions'] }],
      // `if (!found || found.owner !== id)` reads as the guard it is; the optional-chain rewrite means
      // something else whenever the right-hand side can be undefined.
      '@typescript-eslint/prefer-optional-chain': 'off',
      // noUncheckedIndexedAccess types every `a[i]` as possibly undefined; `a[i]!` on an index the
      // code has just bounded (and `shadowRoot!` after the first render) is the deliberate escape
      // hatch, and a wrong one throws at once. Unbounded lookups are handled without it.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Abort reasons and caught errors are passed on as they came, whatever their type.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
      // `const { identity: _dropped, ...rest } = vars` is how an object loses a key.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // `value?.trim() || fallback` and `a || b` on strings and booleans skip empty values on purpose.
      '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignorePrimitives: { string: true, boolean: true } }],
      // Node's `createServer(app.callback())` takes Koa's promise-returning handler, which answers
      // its own errors; promises passed where an object property expects void are still checked.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
    },
  },
  {
    // Tests and benchmarks: what they arrange is known to them.
    files: ['**/*.test.ts', '**/*.contract.ts', '**/test/**/*.ts', '**/test/**/*.tsx', 'bench/**/*.ts'],
    rules: {
      // `const realOpen = window.open` keeps a method to put it back after the test.
      '@typescript-eslint/unbound-method': 'off',
      // `server.graphql<{ load: Page }>(query)` names the answer a test expects: a typed cast on purpose.
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
      // `let stack: Stack` filled in beforeAll and closed as `stack?.close()`: typed as set, yet
      // undefined when the setup itself failed, and the teardown must not hide that failure.
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  {
    // chai's `expect` reaches the widget tests untyped: @open-wc/testing 4 (the last release for
    // Node 20) default-imports chai, which @types/chai 5 no longer exports. Property assertions
    // (`.to.exist`) are expressions by chai's design.
    files: ['widget/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    // Node-side widget files (Vite configs, build plugins) belong to tsconfig.node.json, which the
    // project service cannot find by name.
    files: ['widget/vite.config.ts', 'widget/vite.react.config.ts', 'widget/build/**/*.ts'],
    languageOptions: { parserOptions: { projectService: false, project: './widget/tsconfig.node.json' } },
  },
  {
    files: ['widget/src/**/*.ts', 'widget/test/**/*.ts', 'widget/demo/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['widget/src/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['widget/src/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
