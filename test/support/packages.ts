import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, and its node_modules (where the type checkers and framework types live). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NODE_MODULES = join(ROOT, 'node_modules');

/** Every package we publish: its workspace folder and its npm name. */
export const PUBLISHED = {
  session: '@integration-connector/session',
  server: '@integration-connector/server',
  widget: 'integration-connector',
} as const;
export type Workspace = keyof typeof PUBLISHED;

export interface Packed {
  name: string;
  version: string;
  /** The tarball, an absolute path. */
  tarball: string;
  /** Every path in the tarball (without the leading `package/`). */
  files: string[];
}

/** npm as a child: none of the `npm_*` variables of the `npm test` around us leak into it. */
export function npm(args: readonly string[], options: SpawnSyncOptions = {}): { status: number | null; stdout: string; stderr: string } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  const run = spawnSync('npm', args, { cwd: ROOT, encoding: 'utf8', env, timeout: 240_000, ...options });
  return { status: run.status, stdout: String(run.stdout), stderr: String(run.stderr) };
}

/**
 * `npm pack` of every published workspace, as a release would: each package's `prepack` builds it
 * from a clean dist/ first. The JSON npm prints comes after the builds' own output.
 */
export function packAll(into: string): Record<Workspace, Packed> {
  const workspaces = Object.keys(PUBLISHED) as Workspace[];
  const run = npm(['pack', '--json', '--pack-destination', into, ...workspaces.flatMap((w) => ['-w', w])]);
  if (run.status !== 0) throw new Error(`npm pack failed:\n${run.stdout}\n${run.stderr}`);
  const json = run.stdout.slice(run.stdout.search(/^\[$/m));
  const packs = JSON.parse(json) as Array<{ name: string; version: string; filename: string; files: Array<{ path: string }> }>;
  const byName = new Map(packs.map((pack) => [pack.name, pack]));
  return Object.fromEntries(
    workspaces.map((workspace) => {
      const pack = byName.get(PUBLISHED[workspace]);
      if (!pack) throw new Error(`npm pack made no tarball for ${PUBLISHED[workspace]}`);
      const files = pack.files.map((file) => file.path);
      return [workspace, { name: pack.name, version: pack.version, tarball: join(into, pack.filename), files }];
    }),
  ) as Record<Workspace, Packed>;
}

/** `npm publish --dry-run` of one workspace (its build already done by packAll): npm's warnings. */
export function publishWarnings(workspace: Workspace): string[] {
  const run = npm(['publish', '--dry-run', '--ignore-scripts', '-w', workspace]);
  if (run.status !== 0) throw new Error(`npm publish --dry-run failed:\n${run.stderr}`);
  return run.stderr.split('\n').filter((line) => line.startsWith('npm warn'));
}

/**
 * A new app in `dir` that installs the tarballs as a user would (from the registry this machine
 * reaches, the npm cache first). The type checkers' framework packages are linked from the
 * repository instead of installed again: the app's own node_modules has what npm put there.
 */
export function installScratchApp(dir: string, tarballs: readonly string[]): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'scratch-app', private: true, type: 'module' }, null, 2));
  const run = npm(['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs], { cwd: dir });
  if (run.status !== 0) throw new Error(`npm install of the tarballs failed:\n${run.stdout}\n${run.stderr}`);
  for (const name of ['react', '@types/react', 'vue', 'svelte']) {
    const link = join(dir, 'node_modules', name);
    if (existsSync(link)) continue; // npm brought it along (an optional peer's types)
    mkdirSync(join(link, '..'), { recursive: true });
    symlinkSync(join(NODE_MODULES, name), link, 'dir');
  }
  cpSync(fileURLToPath(new URL('../deploy/scratch-app/', import.meta.url)), dir, { recursive: true });
}

export interface TypeCheckError {
  file: string;
  line: number;
  message: string;
}

/** The type checkers, from the repository, over a folder of the scratch app: every error they report. */
export async function typeCheck(tool: 'tsc' | 'vue-tsc' | 'svelte-check', dir: string, project: string): Promise<TypeCheckError[]> {
  const folder = join(dir, project);
  const command = {
    tsc: [join(NODE_MODULES, 'typescript/bin/tsc'), '-p', join(folder, 'tsconfig.json'), '--pretty', 'false'],
    'vue-tsc': [join(NODE_MODULES, 'vue-tsc/bin/vue-tsc.js'), '-p', join(folder, 'tsconfig.json'), '--pretty', 'false'],
    'svelte-check': [
      join(NODE_MODULES, 'svelte-check/bin/svelte-check'),
      ...['--workspace', folder, '--tsconfig', join(folder, 'tsconfig.json'), '--output', 'machine', '--fail-on-warnings'],
    ],
  }[tool];
  const child = spawn(process.execPath, command, { cwd: dir, timeout: 120_000 });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const status = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (status === null) throw new Error(`${tool} did not finish:\n${output}`);
  const tscLine = /^(?:.*\/)?([\w.-]+)\((\d+),\d+\): error (.*)$/;
  const svelteLine = /^\d+ (?:ERROR|WARNING) "(?:.*\/)?([\w.-]+)" (\d+):\d+ (.*)$/;
  const errors = output.split('\n').flatMap((line) => {
    const match = (tool === 'svelte-check' ? svelteLine : tscLine).exec(line);
    return match ? [{ file: match[1]!, line: Number(match[2]), message: match[3]! }] : [];
  });
  if (status !== 0 && errors.length === 0) throw new Error(`${tool} failed without an error it could place:\n${output}`);
  return errors;
}
