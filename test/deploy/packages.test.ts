/**
 * Issue 26, items 1 and 7: what a user installs. Every published package is packed as a release
 * packs it (`prepack` builds it first), checked for what it ships, installed from its tarball into
 * a new app in a temporary folder and used there: the token helper mints a session in a Node
 * script, the server starts from its bin and accepts that session, the widget renders in Chromium
 * against it, and the framework typings pass (and refuse mistakes) under tsc, vue-tsc and svelte-check.
 * One file, one pack: the builds write the workspaces' dist/ folders, which nothing else may race.
 */
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  npm,
  packAll,
  publishWarnings,
  PUBLISHED,
  ROOT,
  installScratchApp,
  typeCheck,
  type Packed,
  type TypeCheckError,
  type Workspace,
} from '../support/packages.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { openWidgetPage } from './support/widget-page.js';

const WORKSPACES = Object.keys(PUBLISHED) as Workspace[];
const manifest = (workspace: Workspace | '.') =>
  JSON.parse(readFileSync(join(ROOT, workspace, 'package.json'), 'utf8')) as Record<string, unknown> & {
    engines?: { node?: string };
    exports?: Record<string, string | Record<string, string>>;
    sideEffects?: string[] | boolean;
    bin?: Record<string, string>;
    dependencies?: Record<string, string>;
  };
/** `^20.19.0 || ^24.11.0` holds `version` when one alternative has its major and is at most it. */
const satisfies = (version: string, range: string) =>
  range.split('||').some((alternative) => {
    const [major, minor, patch] = alternative.trim().replace(/^\^/, '').split('.').map(Number);
    const [vMajor, vMinor, vPatch] = version.replace(/^v/, '').split('.').map(Number);
    return vMajor === major && (vMinor! > minor! || (vMinor === minor && vPatch! >= patch!));
  });

let dir: string;
let packed: Record<Workspace, Packed>;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ic-packages-'));
  packed = packAll(dir);
  installScratchApp(
    join(dir, 'app'),
    WORKSPACES.map((workspace) => packed[workspace].tarball),
  );
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('each package ships exactly what runs', () => {
  it('the token helper: its compiled module and types, with jose its only dependency', () => {
    expect(packed.session.files.sort()).toEqual(
      [
        'CHANGELOG.md',
        'LICENSE',
        'README.md',
        'package.json',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/generated/schema-enums.js',
        'dist/generated/schema-enums.d.ts',
      ].sort(),
    );
    expect(Object.keys(manifest('session').dependencies ?? {})).toEqual(['jose']);
  });

  it('the server: compiled JavaScript with its declarations and a bin, no sources, tests or schema files to read', () => {
    const { files } = packed.server;
    expect(files).toContain('dist/main.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files.filter((file) => !/^dist\/.+\.(js|d\.ts)$/.test(file)).sort()).toEqual([
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'package.json',
    ]);
    expect(files.filter((file) => /\.(test|contract)\.|(^|\/)test\//.test(file))).toEqual([]);
    expect(manifest('server').bin).toEqual({ 'integration-connector-server': 'dist/main.js' });
  });

  it('the widget: the bundle, every chunk it loads, the React wrapper and reachable types, nothing @internal', () => {
    const { files } = packed.widget;
    // What the build wrote (the bundle fetches its language chunks from beside itself: a package
    // without them renders message keys instead of words).
    const built = readdirSync(join(ROOT, 'widget/dist')).filter((file) => file.endsWith('.js'));
    expect(built).toEqual(
      expect.arrayContaining(['integration-connector.js', 'integration-connector.en.js', 'integration-connector.de.js', 'react.js']),
    );
    for (const file of built) expect(files).toContain(`dist/${file}`);
    expect(files.filter((file) => !file.startsWith('dist/')).sort()).toEqual([
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'custom-elements.json',
      'package.json',
    ]);
    expect(files.filter((file) => file.startsWith('dist/') && !/^dist\/[\w.-]+\.js$|^dist\/types\/.+\.d\.ts$/.test(file))).toEqual([]);
    const declarations = files.filter((file) => file.endsWith('.d.ts'));
    const installed = join(dir, 'app/node_modules/integration-connector');
    for (const file of declarations) expect(readFileSync(join(installed, file), 'utf8'), file).not.toMatch(/@internal|\btranslator\(\): /);
    expect(declarations).not.toContain('dist/types/internal/controller.d.ts');
  });

  it.each(WORKSPACES)('%s: every export, main, types, bin and side-effect file is in the tarball', (workspace) => {
    const pkg = manifest(workspace);
    const targets = [
      ...Object.values(pkg.exports ?? {}).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target))),
      ...[pkg.main, pkg.module, pkg.types].filter((target): target is string => typeof target === 'string'),
      ...Object.values(pkg.bin ?? {}),
      ...(Array.isArray(pkg.sideEffects) ? pkg.sideEffects : []),
    ];
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect(packed[workspace].files, `${workspace}: ${target}`).toContain(target.replace(/^\.\//, ''));
    expect(pkg.sideEffects, 'a package without side effects says so').toBeDefined();
  });

  it.each(WORKSPACES)('%s: claims the Node versions CI runs, and `npm publish --dry-run` has nothing to say', (workspace) => {
    const range = manifest('.').engines?.node ?? '';
    expect(manifest(workspace).engines?.node).toBe(range);
    const ciNode = /^NODE_LTS=(\d+\.\d+\.\d+)$/m.exec(readFileSync(join(ROOT, '.ci/run'), 'utf8'))?.[1] ?? '';
    expect(satisfies(ciNode, range), `.ci/run's Node ${ciNode} within ${range}`).toBe(true);
    expect(satisfies(process.version, range), `this Node ${process.version} within ${range}`).toBe(true);
    // The one warning a dry run without an npm login always prints is the login itself.
    expect(publishWarnings(workspace).filter((line) => !line.includes('requires you to be logged in'))).toEqual([]);
  });
});

describe('installed into a new app', () => {
  const sessionSecret = randomBytes(32).toString('base64');
  let server: ServerProcess;
  let mint: (origin?: string) => string;
  let pageOrigin: string;
  let closePage: () => Promise<void>;
  let page: Awaited<ReturnType<typeof openWidgetPage>>;

  beforeAll(async () => {
    const app = join(dir, 'app');
    page = await openWidgetPage(app);
    pageOrigin = page.origin;
    closePage = page.close;
    mint = (origin) =>
      execFileSync(process.execPath, ['mint.mjs'], {
        cwd: app,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, SESSION_SECRET: sessionSecret, ORIGIN: origin ?? '' },
      });
    server = await startServerProcess(
      {
        REDIS_URL: inject('redisUrl'),
        REDIS_KEY_PREFIX: `pkg-${randomBytes(4).toString('hex')}:`,
        ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        SESSION_SECRET: sessionSecret,
        ALLOWED_ORIGINS: pageOrigin,
        NODE_ENV: 'production',
      },
      { command: [join(app, 'node_modules/.bin/integration-connector-server')], cwd: app },
    );
  }, 60_000);
  afterAll(async () => {
    server?.kill('SIGKILL');
    await closePage?.();
  });

  const graphql = (headers: Record<string, string>) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ credentials(provider: HUBSPOT) { status } }' }),
    }).then((response) => response.json() as Promise<{ data?: unknown; errors?: Array<{ extensions: { code: string } }> }>);

  it('the server runs from its bin on plain Node with Redis: healthy, ready, signed mode', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect((await graphql({})).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('a token minted by the session package in a Node script is accepted by the installed server', async () => {
    expect(await graphql({ authorization: `Bearer ${mint()}` })).toEqual({ data: { credentials: null } });
  });

  it('`npx integration-connector-server` finds the bin, and a bad variable stops it with a message naming it', () => {
    const run = npm(['exec', '--no', '--', 'integration-connector-server'], {
      cwd: join(dir, 'app'),
      env: { PATH: process.env.PATH, PORT: 'eighty' },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Invalid configuration:\n\s+- PORT:/);
  });

  it('the widget renders in Chromium from the installed package, in its language, signed in with that token', async () => {
    const view = await page.show({ endpoint: `${server.url}/graphql`, token: mint(pageOrigin), provider: 'hubspot' });
    expect(view.legend).toBe('Integration');
    expect(view.tiles).toBe(3);
    expect(view.credentials).toEqual({ data: { credentials: null } });
    expect(view.identityFields).toBe(0);
    expect(view.error).toBeNull();
  });

  it('finishes on SIGTERM with exit code 0', async () => {
    server.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('shutting down');
  });

  it('`npm run serve` starts the freshly built server/dist without compiling anything', async () => {
    const serve = await startServerProcess(
      { SESSION_SECRET: sessionSecret, NODE_ENV: 'test' },
      { command: [process.execPath, 'scripts/serve.mjs'], cwd: ROOT },
    );
    try {
      expect(serve.output()).not.toContain('building');
      expect((await fetch(`${serve.url}/healthz`)).status).toBe(200);
    } finally {
      serve.kill('SIGTERM');
      await serve.exited;
    }
  });
});

describe('types for every framework, from the installed package', () => {
  /** Lines of `file` in the scratch app marked as a mistake (the line after a `case:` comment): exactly these must fail. */
  const marked = (project: string, file: string) =>
    readFileSync(join(dir, 'app', project, file), 'utf8')
      .split('\n')
      .flatMap((line, i) => (/^\s*(\/\/|<!--) case: /.test(line) ? [i + 2] : []));

  const CHECKS = [
    ['tsc', 'react', 'wrong.tsx'],
    ['vue-tsc', 'vue', 'Wrong.vue'],
    ['svelte-check', 'svelte', 'Wrong.svelte'],
  ] as const;
  // The three checkers run side by side (each takes seconds); each test reads its own result.
  let results: Map<string, Promise<TypeCheckError[]>>;
  beforeAll(() => {
    results = new Map(CHECKS.map(([tool, project]) => [tool, typeCheck(tool, join(dir, 'app'), project)]));
  });

  it.each(CHECKS)(
    '%s: a correct %s app passes, and each wrong property or handler fails',
    async (tool, project, wrong) => {
      const errors = await results.get(tool)!;
      const expected = marked(project, wrong);
      expect(expected.length).toBeGreaterThanOrEqual(4);
      expect(errors.filter((error) => error.file !== wrong)).toEqual([]);
      expect([...new Set(errors.map((error) => error.line))].sort((a, b) => a - b)).toEqual(expected);
    },
    120_000,
  );
});
