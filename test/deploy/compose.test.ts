import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ENV_VARIABLES } from '../../server/src/config/env.js';

/**
 * No Docker engine runs on the CI machines, so the compose files are checked for structure:
 * the services, persistence, health checks, replicas, and that every variable handed to the
 * server is one the server actually reads.
 */
interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  entrypoint?: string[];
  deploy?: { replicas?: number };
  volumes?: string[];
  ports?: string[];
}
const load = (file: string) => parse(readFileSync(file, 'utf8'), { merge: true }) as { services: Record<string, Service> };
const known = new Set(ENV_VARIABLES);

describe('docker-compose.yml', () => {
  const { services } = load('docker-compose.yml');

  it('runs redis with AOF persistence on a volume', () => {
    expect(services.redis?.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
    expect(services.redis?.volumes?.[0]).toMatch(/:\/data$/);
  });

  it('builds the server and the demo from their own stages of the Dockerfile', () => {
    expect(services.server?.build).toEqual({ context: '.', target: 'server' });
    expect(services.demo?.build).toEqual({ context: '.', target: 'demo' });
  });

  it('runs at least two stateless server replicas on that Redis, behind a proxy', () => {
    expect(services.server?.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(services.server?.ports).toBeUndefined();
    expect(services.server?.environment?.REDIS_URL).toBe('redis://redis:6379');
    expect(services.proxy?.ports).toContain('8000:8000');
    const nginx = readFileSync('deploy/nginx.conf', 'utf8');
    expect(nginx).toMatch(/server server:8000 resolve;/);
    expect(nginx).toMatch(/proxy_pass http:\/\/integration_connector;/);
  });

  it('has nginx hand the server only the address it saw, which the server reads as the rightmost entry', () => {
    const nginx = readFileSync('deploy/nginx.conf', 'utf8');
    // $proxy_add_x_forwarded_for would keep what the client wrote in front; the server would ignore it, but there is no need to pass it on.
    expect(nginx).toMatch(/^\s*proxy_set_header X-Forwarded-For \$remote_addr;$/m);
    expect(nginx).not.toMatch(/proxy_add_x_forwarded_for/);
    expect(services.server?.environment?.TRUST_PROXY).toBe('true');
  });

  it('gives every service a health check and starts them in dependency order', () => {
    for (const [name, service] of Object.entries(services)) expect(service.healthcheck?.test, name).toBeDefined();
    expect(services.server?.depends_on?.redis?.condition).toBe('service_healthy');
    expect(services.proxy?.depends_on?.server?.condition).toBe('service_healthy');
    expect(services.demo?.depends_on?.proxy?.condition).toBe('service_healthy');
  });

  it('passes the server only variables it reads, and requires the secrets production needs', () => {
    const env = services.server!.environment!;
    for (const name of Object.keys(env)) expect(known, `${name} is not a server variable`).toContain(name);
    expect(env.ENCRYPTION_KEY).toMatch(/:\?/);
    expect(env.SESSION_SECRET).toMatch(/:\?/);
    expect(env.NODE_ENV).toBe('production');
    // Plain Node as PID 1: it receives SIGTERM itself (npm in between would not forward it reliably).
    // With the young-generation size production is benchmarked with (bench/README.md, "GC").
    expect(services.server?.command).toEqual(['node', '--max-semi-space-size=32', 'server/dist/main.js']);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync('Dockerfile', 'utf8');
  // Each stage: its FROM line (image and name) and its instructions.
  const stages = dockerfile
    .split(/^(?=FROM )/m)
    .filter((part) => part.startsWith('FROM '))
    .map((part) => ({ from: /^FROM (\S+)(?: AS (\w+))?/.exec(part)!, body: part }));
  const stage = (name: string) => stages.find((s) => s.from[2] === name)!;
  const workspaces = (JSON.parse(readFileSync('package.json', 'utf8')) as { workspaces: string[] }).workspaces;

  it('never copies .env files into the image (`COPY . .` would take them)', () => {
    const ignored = readFileSync('.dockerignore', 'utf8')
      .split('\n')
      .map((line) => line.trim());
    for (const pattern of ['.env', '.env.*', '**/.env', '**/.env.*']) expect(ignored).toContain(pattern);
  });

  it('builds in one stage and ships the server from another: the last stage, the default target', () => {
    expect(stages.map((s) => s.from[2])).toEqual(['manifests', 'build', 'demo', 'server']);
    expect(stage('build').from[1]).toBe('manifests');
    expect(stage('server').from[1]).toBe('manifests');
    expect(stage('build').body).toMatch(/^RUN npm ci --no-audit --no-fund$/m);
    expect(stage('build').body).toMatch(/^RUN npm run build:server$/m);
  });

  it('the server image holds production dependencies only, and the compiled server and session package', () => {
    const server = stage('server').body;
    expect(server).toMatch(/^RUN npm ci --omit=dev --workspace server\b/m);
    expect(server).not.toMatch(/^COPY \. \.$/m);
    expect(server).toMatch(/^COPY --from=build \/app\/server\/dist server\/dist$/m);
    expect(server).toMatch(/^COPY --from=build \/app\/session\/dist session\/dist$/m);
    expect(server).toMatch(/^ENV NODE_ENV=production$/m);
  });

  it('runs the server on plain Node as PID 1, not as root', () => {
    const server = stage('server').body;
    expect(server).toMatch(/^CMD \["node", "--max-semi-space-size=32", "server\/dist\/main\.js"\]$/m);
    expect(server).toMatch(/^USER node$/m);
  });

  it('is Node 24: the LTS that CI runs (.ci/run) and `engines` claims', () => {
    const lts = /^NODE_LTS=(\d+)\./m.exec(readFileSync('.ci/run', 'utf8'))?.[1];
    // Every other stage starts from one of these.
    expect(stages.filter((s) => s.from[1]!.startsWith('node:')).map((s) => s.from[1])).toEqual([`node:${lts}-bookworm-slim`]);
    expect((JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }).engines.node).toContain(`^${lts}.`);
  });

  it('copies every workspace manifest before `npm ci` (the lockfile names them all)', () => {
    for (const workspace of workspaces) expect(stage('manifests').body).toContain(`\nCOPY ${workspace}/package.json ${workspace}/\n`);
    expect(stage('manifests').body).not.toMatch(/^RUN /m);
  });
});

describe('docker-compose.cluster.yml', () => {
  const { services } = load('docker-compose.cluster.yml');
  const nodes = ['redis-node-1', 'redis-node-2', 'redis-node-3'];

  it('defines three cluster-enabled Redis masters with AOF and a one-shot cluster create', () => {
    for (const node of nodes) {
      expect(services[node]?.command).toEqual(expect.arrayContaining(['--cluster-enabled', 'yes', '--appendonly', 'yes']));
      expect(services[node]?.healthcheck).toBeDefined();
    }
    const init = JSON.stringify(services['redis-cluster-init']?.entrypoint ?? '');
    expect(init).toContain('--cluster create redis-node-1:6379 redis-node-2:6379 redis-node-3:6379');
  });

  it('points the server at the cluster, after it is created', () => {
    const env = services.server!.environment!;
    for (const name of Object.keys(env)) expect(known).toContain(name);
    expect(env.REDIS_CLUSTER_NODES).toBe(nodes.map((n) => `${n}:6379`).join(','));
    expect(services.server?.depends_on?.['redis-cluster-init']?.condition).toBe('service_completed_successfully');
  });
});

describe('README configuration table', () => {
  it('documents every variable the server reads', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const name of known) expect(readme, `${name} is missing from README.md`).toContain(`\`${name}\``);
  });
});
