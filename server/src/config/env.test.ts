import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '../providers/registry.js';
import { rateLimit } from '../providers/settings.js';
import { providerEnvRows, proxyEnvRows } from './env-docs.js';
import { ConfigError, ENV_VARIABLES, loadConfig, PROXY_VARIABLES } from './env.js';

// Provider-agnostic: every provider of the registry, by its declared variables (the names and
// defaults themselves are pinned in providers/settings.test.ts).
const settingsOf = PROVIDERS.map((module) => module.settings);

const randomBase64 = (bytes: number) => randomBytes(bytes).toString('base64');

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.join('\n');
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('configuration from the environment', () => {
  it('defaults to signed sessions, which need SESSION_SECRET', () => {
    expect(problemsOf({})).toMatch(/^SESSION_SECRET: is required when AUTH_MODE=signed/m);
    expect(loadConfig({ SESSION_SECRET: 'env-test-session-secret-0123456789' }).authMode).toBe('signed');
  });

  it("needs nothing else to start in the demo's open mode: documented defaults", () => {
    const config = loadConfig({}, { defaultAuthMode: 'open' });
    expect(config.authMode).toBe('open');
    expect(config.port).toBe(8000);
    expect(config.publicUrl).toBe('http://localhost:8000');
    expect(config.redisUrl).toBeUndefined();
    for (const settings of settingsOf) {
      expect(config.providers[settings.id]).toMatchObject({
        authUrl: settings.urls.authUrl.default,
        apiUrl: settings.urls.apiUrl.default,
        sandbox: false,
      });
    }
  });

  it('overrides every provider URL so the same code can talk to a simulator (a trailing slash dropped)', () => {
    const env: Record<string, string> = { AUTH_MODE: 'open' };
    settingsOf.forEach((settings, i) => {
      env[settings.urls.authUrl.env] = `http://127.0.0.1:${4101 + i}/`;
      env[settings.urls.apiUrl.env] = `http://127.0.0.1:${4101 + i}/`;
    });
    const config = loadConfig(env);
    settingsOf.forEach((settings, i) =>
      expect(config.providers[settings.id]).toMatchObject({
        authUrl: `http://127.0.0.1:${4101 + i}`,
        apiUrl: `http://127.0.0.1:${4101 + i}`,
      }),
    );
  });

  it('names the variable of every bad value', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      PUBLIC_URL: 'not a url',
      REDIS_URL: 'http://x',
      ENCRYPTION_KEY: Buffer.alloc(16).toString('base64'),
    });
    expect(problems).toMatch(/^PORT: /m);
    expect(problems).toMatch(/^PUBLIC_URL: /m);
    expect(problems).toMatch(/^REDIS_URL: /m);
    expect(problems).toMatch(/^ENCRYPTION_KEY: must be 32 bytes/m);
  });

  it('rejects a client id without its secret, except where the provider allows public clients', () => {
    for (const { id, envPrefix, clientSecret } of settingsOf) {
      expect(problemsOf({ [`${envPrefix}_CLIENT_SECRET`]: 'abc' })).toMatch(
        new RegExp(`^${envPrefix}_CLIENT_ID: is required when ${envPrefix}_CLIENT_SECRET is set`, 'm'),
      );
      const idAlone = { AUTH_MODE: 'open', [`${envPrefix}_CLIENT_ID`]: 'abc-123' };
      if (clientSecret === 'required') expect(problemsOf(idAlone)).toMatch(new RegExp(`^${envPrefix}_CLIENT_SECRET: set both`, 'm'));
      else expect(loadConfig(idAlone).providers[id]).toMatchObject({ clientId: 'abc-123', clientSecret: undefined });
    }
    expect(settingsOf.map((settings) => settings.clientSecret)).toContain('optional');
  });

  it("reads each provider's rate limits from the variables its settings declare, defaulting to the published floor", () => {
    const defaults = loadConfig({ AUTH_MODE: 'open' });
    for (const settings of settingsOf) {
      for (const limit of Object.values(settings.rateLimits)) {
        expect(ENV_VARIABLES).toContain(limit.env);
        expect(rateLimit(defaults.providers[settings.id], limit)).toEqual({ max: limit.max, windowMs: limit.windowMs });
        const tuned = loadConfig({ AUTH_MODE: 'open', [limit.env]: String(limit.max * 3) });
        expect(rateLimit(tuned.providers[settings.id], limit)).toEqual({ max: limit.max * 3, windowMs: limit.windowMs });
        expect(problemsOf({ [limit.env]: 'lots' })).toMatch(new RegExp(`^${limit.env}: `, 'm'));
        expect(problemsOf({ [limit.env]: '0' })).toMatch(new RegExp(`^${limit.env}: `, 'm'));
      }
    }
  });

  it('documents every provider variable in the README table exactly as the registry declares it (name, default, meaning)', () => {
    const readme = readFileSync('README.md', 'utf8');
    const rows = providerEnvRows();
    const start = readme.indexOf(rows[0]!);
    expect(start, rows[0]).toBeGreaterThan(-1);
    expect(readme.slice(start).split('\n').slice(0, rows.length)).toEqual(rows);
  });

  it('documents the provider proxy variables in the README table exactly as declared (name, default, meaning)', () => {
    const readme = readFileSync('README.md', 'utf8');
    const rows = proxyEnvRows();
    const start = readme.indexOf(rows[0]!);
    expect(start, rows[0]).toBeGreaterThan(-1);
    expect(readme.slice(start).split('\n').slice(0, rows.length)).toEqual(rows);
  });

  it('reads the provider proxy limits (1 MiB request, 10 MiB answer by default), refusing nonsense', () => {
    for (const name of Object.keys(PROXY_VARIABLES)) expect(ENV_VARIABLES).toContain(name);
    expect(loadConfig({ AUTH_MODE: 'open' }).proxy).toEqual({ maxBodyBytes: 1_048_576, maxResponseBytes: 10_485_760 });
    expect(loadConfig({ AUTH_MODE: 'open', PROXY_MAX_BODY_BYTES: '2048', PROXY_MAX_RESPONSE_BYTES: '4096' }).proxy).toEqual({
      maxBodyBytes: 2048,
      maxResponseBytes: 4096,
    });
    expect(problemsOf({ AUTH_MODE: 'open', PROXY_MAX_BODY_BYTES: '0' })).toMatch(/^PROXY_MAX_BODY_BYTES: /m);
    expect(problemsOf({ AUTH_MODE: 'open', PROXY_MAX_RESPONSE_BYTES: 'lots' })).toMatch(/^PROXY_MAX_RESPONSE_BYTES: /m);
  });

  it('parses ALLOWED_ORIGINS as a comma list of exact origins', () => {
    expect(loadConfig({ AUTH_MODE: 'open', ALLOWED_ORIGINS: 'https://app.example.com, http://localhost:5173' }).allowedOrigins).toEqual([
      'https://app.example.com',
      'http://localhost:5173',
    ]);
    expect(problemsOf({ ALLOWED_ORIGINS: 'app.example.com' })).toMatch(/^ALLOWED_ORIGINS/m);
  });

  it('refuses ALLOWED_ORIGINS entries that are not exactly scheme://host[:port] (never the opaque origin "null")', () => {
    // `localhost:3000` parses as a URL with the scheme "localhost:" and the origin "null".
    for (const entry of [
      'localhost:3000',
      'https://app.example.com/',
      'https://app.example.com/path',
      'null',
      'javascript:alert(1)',
      'file:///etc',
      'HTTPS://APP.EXAMPLE.COM',
      'ftp://files.example.com',
    ]) {
      expect(problemsOf({ AUTH_MODE: 'open', ALLOWED_ORIGINS: `http://localhost:3000,${entry}` }), entry).toMatch(
        /^ALLOWED_ORIGINS\.1: each entry must be exactly scheme:\/\/host\[:port\]/m,
      );
    }
    expect(loadConfig({ AUTH_MODE: 'open', ALLOWED_ORIGINS: 'http://[::1]:3000,https://xn--bcher-kva.example' }).allowedOrigins).toEqual([
      'http://[::1]:3000',
      'https://xn--bcher-kva.example',
    ]);
  });

  it('refuses AUTH_MODE=open with NODE_ENV=production unless ALLOW_OPEN_MODE=true says it is meant', () => {
    expect(problemsOf({ AUTH_MODE: 'open', NODE_ENV: 'production' })).toMatch(/^AUTH_MODE: open .* needs ALLOW_OPEN_MODE=true/m);
    expect(loadConfig({ AUTH_MODE: 'open', NODE_ENV: 'production', ALLOW_OPEN_MODE: 'true' }).authMode).toBe('open');
    expect(loadConfig({ AUTH_MODE: 'open', NODE_ENV: 'development' }).authMode).toBe('open');
  });

  it('refuses a SESSION_SECRET equal to ADMIN_API_KEY, and secrets that are one character repeated', () => {
    const same = 'one-value-for-both-0123456789abcdef';
    expect(problemsOf({ SESSION_SECRET: same, ADMIN_API_KEY: same })).toMatch(/^SESSION_SECRET: must differ from ADMIN_API_KEY/m);
    expect(problemsOf({ SESSION_SECRET: 'a'.repeat(40) })).toMatch(/^SESSION_SECRET: is one character repeated/m);
    expect(problemsOf({ SESSION_SECRET: 'env-test-session-secret-0123456789', ADMIN_API_KEY: '0'.repeat(32) })).toMatch(
      /^ADMIN_API_KEY: is one character repeated/m,
    );
    expect(problemsOf({ SESSION_SECRET: same, ADMIN_API_KEY: same })).not.toContain(same);
  });

  describe('webhooks (docs/webhooks.md)', () => {
    const secret = `whsec_${Buffer.from('webhook-test-secret-0123456789abcdef').toString('base64')}`;
    const open = { AUTH_MODE: 'open' };

    it('are off unless both WEBHOOK_URL and WEBHOOK_SECRET are set, and name the missing one', () => {
      expect(loadConfig(open).webhook).toBeUndefined();
      expect(problemsOf({ ...open, WEBHOOK_URL: 'https://hooks.example.com/ic' })).toMatch(/^WEBHOOK_SECRET: set both/m);
      expect(problemsOf({ ...open, WEBHOOK_SECRET: secret })).toMatch(/^WEBHOOK_URL: set both/m);
      expect(loadConfig({ ...open, WEBHOOK_URL: 'https://hooks.example.com/ic', WEBHOOK_SECRET: secret }).webhook).toEqual({
        url: 'https://hooks.example.com/ic',
        secret,
        timeoutMs: 10_000,
        maxAttempts: 20,
        failedRetentionMs: 14 * 86_400_000,
      });
    });

    it('deliver over https; http only to a loopback address outside production', () => {
      const withUrl = (url: string, env: Record<string, string> = open) => ({ ...env, WEBHOOK_URL: url, WEBHOOK_SECRET: secret });
      for (const url of ['http://localhost:4000/hooks', 'http://127.0.0.1:4000/hooks', 'http://[::1]:4000/hooks'])
        expect(loadConfig(withUrl(url)).webhook?.url, url).toBe(url);
      for (const url of ['http://hooks.example.com/ic', 'http://10.0.0.7/hooks', 'http://localhost.example.com/x'])
        expect(problemsOf(withUrl(url)), url).toMatch(/^WEBHOOK_URL: must be https/m);
      expect(problemsOf(withUrl('http://127.0.0.1:4000/hooks', { ...open, NODE_ENV: 'production', ALLOW_OPEN_MODE: 'true' }))).toMatch(
        /^WEBHOOK_URL: must be https/m,
      );
      expect(problemsOf(withUrl('ftp://hooks.example.com/ic'))).toMatch(/^WEBHOOK_URL: /m);
    });

    it('take a Standard Webhooks secret of at least 24 random bytes, shared with no other secret, never echoed', () => {
      const url = 'https://hooks.example.com/ic';
      const problems = (value: string, env: Record<string, string> = {}) =>
        problemsOf({ ...open, ...env, WEBHOOK_URL: url, WEBHOOK_SECRET: value });
      expect(problems('webhook-test-secret-0123456789abcdef')).toMatch(/^WEBHOOK_SECRET: must be whsec_ followed by base64/m);
      expect(problems('whsec_not base64!')).toMatch(/^WEBHOOK_SECRET: must be whsec_ followed by base64/m);
      expect(problems(`whsec_${randomBase64(16)}`)).toMatch(/^WEBHOOK_SECRET: must decode to at least 24 bytes/m);
      expect(problems(`whsec_${Buffer.alloc(32, 7).toString('base64')}`)).toMatch(/^WEBHOOK_SECRET: is one byte repeated/m);
      const shared = randomBase64(32);
      expect(problems(`whsec_${shared}`, { ENCRYPTION_KEY: shared })).toMatch(/^WEBHOOK_SECRET: must differ from ENCRYPTION_KEY/m);
      expect(problems(`whsec_${shared}`, { ADMIN_API_KEY: shared })).toMatch(/^WEBHOOK_SECRET: must differ from ADMIN_API_KEY/m);
      expect(problems(`whsec_${shared}`, { SESSION_SECRET: `whsec_${shared}` })).toMatch(
        /^WEBHOOK_SECRET: must differ from SESSION_SECRET/m,
      );
      expect(problems(`whsec_${shared}`, { SESSION_SECRET: `whsec_${shared}` })).not.toContain(shared);
    });

    it('tune the timeout, the attempts and how long failed deliveries are kept', () => {
      const webhook = loadConfig({
        ...open,
        WEBHOOK_URL: 'https://hooks.example.com/ic',
        WEBHOOK_SECRET: secret,
        WEBHOOK_TIMEOUT_MS: '2500',
        WEBHOOK_MAX_ATTEMPTS: '5',
        WEBHOOK_FAILED_RETENTION_DAYS: '3',
      }).webhook;
      expect(webhook).toMatchObject({ timeoutMs: 2500, maxAttempts: 5, failedRetentionMs: 3 * 86_400_000 });
      expect(problemsOf({ ...open, WEBHOOK_MAX_ATTEMPTS: '0' })).toMatch(/^WEBHOOK_MAX_ATTEMPTS: /m);
      expect(problemsOf({ ...open, WEBHOOK_TIMEOUT_MS: 'soon' })).toMatch(/^WEBHOOK_TIMEOUT_MS: /m);
    });
  });

  it('never echoes a secret value in its messages', () => {
    const problems = problemsOf({ [`${settingsOf[0]!.envPrefix}_CLIENT_SECRET`]: 'super-secret-value', PORT: '-1' });
    expect(problems).not.toContain('super-secret-value');
  });

  it('`npm run serve` exits non-zero with a message naming the variable', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      env: { PATH: process.env.PATH, PORT: '99999' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT');
  });

  it('`npm run serve` on a busy port exits non-zero naming PORT', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as AddressInfo;
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      env: { PATH: process.env.PATH, PORT: String(port), HOST: '127.0.0.1', AUTH_MODE: 'open' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    busy.close();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Port ${port} is already in use: set PORT`);
  });

  it('`npm run serve` refuses to start in open mode in production, naming AUTH_MODE', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      env: { PATH: process.env.PATH, PORT: '0', AUTH_MODE: 'open', NODE_ENV: 'production' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('AUTH_MODE: open');
    expect(result.stderr).toContain('ALLOW_OPEN_MODE=true');
  });

  it('`npm run serve` with Redis refuses to start without ENCRYPTION_KEY', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      env: { PATH: process.env.PATH, PORT: '0', REDIS_URL: 'redis://127.0.0.1:1', AUTH_MODE: 'open' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ENCRYPTION_KEY is required');
    // Logs are written asynchronously: the fatal line must still be flushed before the exit.
    const fatal = result.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .find((entry) => entry.level === 60);
    expect(fatal?.msg).toContain('ENCRYPTION_KEY is required');
  });
});
