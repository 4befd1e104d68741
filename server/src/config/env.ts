import { z } from 'zod';
import { PROVIDERS, type ProviderId } from '../providers/registry.js';
import type { ProviderEndpoints, ProviderSettings } from '../providers/settings.js';

/**
 * Every environment variable the server reads, parsed once at start-up. A bad value stops the
 * process with a message that names the variable; nothing else in the server reads process.env.
 */
const url = z.url({ protocol: /^https?$/ }).transform((value) => value.replace(/\/+$/, ''));
const optionalSecret = z.string().min(1).optional();
const csv = z.string().transform((value) =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean),
);
/** Exactly `scheme://host[:port]`: anything else (a path, `localhost:3000`, the opaque `null`) is a mistake. */
const exactOrigin = z
  .string()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol) && new URL(value).origin === value, {
    error: 'each entry must be exactly scheme://host[:port] (http or https, no path, no trailing slash), e.g. https://app.example.com',
  });
const secret = (name: string) =>
  z
    .string()
    .min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)')
    .refine((value) => new Set(value).size > 1, `is one character repeated: use a random ${name} (openssl rand -base64 32)`);
const flag = z.enum(['true', 'false']).default('false');
/** Standard Webhooks secret: `whsec_` and base64 of at least 24 random bytes (openssl rand -base64 32). */
const webhookSecret = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'must be whsec_ followed by base64 (e.g. whsec_$(openssl rand -base64 32))')
  .refine((value) => Buffer.from(value.slice(6), 'base64').length >= 24, 'must decode to at least 24 bytes (openssl rand -base64 32)')
  .refine((value) => new Set(Buffer.from(value.slice(6), 'base64')).size > 1, 'is one byte repeated: use a random secret');
const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * The provider proxy's variables (`/proxy/{provider}/{path}`), as data: the schema below and the
 * README rows (env-docs.ts `proxyEnvRows`) are both derived from this list.
 */
export const PROXY_VARIABLES = {
  PROXY_MAX_BODY_BYTES: {
    default: 1_048_576,
    max: 100 * 1_048_576,
    about: 'Largest request body the provider proxy forwards (bytes); a larger one is refused with 413 before it reaches the provider.',
  },
  PROXY_MAX_RESPONSE_BYTES: {
    default: 10 * 1_048_576,
    max: 1_024 * 1_048_576,
    about:
      "Largest provider answer the proxy passes back (bytes); a larger one ends in 502 `PROVIDER_ERROR` (or, when the provider sent no length, a cut connection), never in the server's memory.",
  },
} as const;
const proxyVariables = Object.fromEntries(
  Object.entries(PROXY_VARIABLES).map(([name, v]) => [
    name,
    z.coerce.number().int().min(1).max(v.max).default(v.default).describe(v.about),
  ]),
) as { [Name in keyof typeof PROXY_VARIABLES]: z.ZodDefault<z.ZodCoercedNumber> };

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(8000),
    HOST: z.string().min(1).default('0.0.0.0'),
    PUBLIC_URL: url.default('http://localhost:8000'),
    ALLOWED_ORIGINS: csv.pipe(z.array(exactOrigin).min(1, 'must list at least one origin')).default(['http://localhost:3000']),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    REDIS_CLUSTER_NODES: csv.pipe(z.array(z.string().regex(/^[^\s:]+:\d{1,5}$/, 'each node must be host:port')).min(1)).optional(),
    REDIS_PASSWORD: z.string().min(1).optional(),
    PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    PROVIDER_RETRY_BASE_MS: z.coerce.number().int().min(1).max(60_000).default(500),
    PROVIDER_MAX_WAIT_MS: z.coerce.number().int().min(1).max(600_000).default(60_000),
    PROVIDER_QUEUE_MAX_MS: z.coerce.number().int().min(1).max(600_000).default(30_000),
    REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[\w:.-]*$/, 'letters, digits, _ : . - only')
      .default('ic:'),
    ENCRYPTION_KEY: z
      .base64()
      .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
      .optional(),
    AUTH_MODE: z.enum(['open', 'signed']).optional(),
    ALLOW_OPEN_MODE: flag,
    SESSION_SECRET: secret('SESSION_SECRET').optional(),
    ADMIN_API_KEY: secret('ADMIN_API_KEY').optional(),
    ALLOW_CONNECT_LINKS: flag,
    CONNECT_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
    CONNECT_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(60),
    LOAD_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
    LOAD_SCRATCH_LIMIT_MB: z.coerce.number().int().min(1).max(1024).default(16),
    TRUST_PROXY: flag,
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
    MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(2_000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
    WEBHOOK_SECRET: webhookSecret.optional(),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(20),
    WEBHOOK_FAILED_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
    BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, 'e.g. 100kb')
      .default('100kb'),
    ...proxyVariables,
  })
  .superRefine((env, ctx) => {
    if (env.AUTH_MODE === 'signed' && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: 'is required when AUTH_MODE=signed (the default outside `npm start`)',
      });
    }
    if (env.AUTH_MODE === 'open' && env.NODE_ENV === 'production' && env.ALLOW_OPEN_MODE !== 'true') {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_MODE'],
        message:
          'open takes the identity from the request, so any caller can act as any user: with NODE_ENV=production it needs ALLOW_OPEN_MODE=true (use AUTH_MODE=signed)',
      });
    }
    if (env.SESSION_SECRET && env.SESSION_SECRET === env.ADMIN_API_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: 'must differ from ADMIN_API_KEY (whoever can mint sessions must not also hold the admin key)',
      });
    }
    if (Boolean(env.WEBHOOK_URL) !== Boolean(env.WEBHOOK_SECRET)) {
      const missing = env.WEBHOOK_URL ? 'WEBHOOK_SECRET' : 'WEBHOOK_URL';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'set both WEBHOOK_URL and WEBHOOK_SECRET, or neither' });
    }
    if (env.WEBHOOK_URL && new URL(env.WEBHOOK_URL).protocol === 'http:') {
      const loopback = LOOPBACK_HOST.test(new URL(env.WEBHOOK_URL).hostname);
      if (!loopback || env.NODE_ENV === 'production') {
        ctx.addIssue({
          code: 'custom',
          path: ['WEBHOOK_URL'],
          message: 'must be https (http only to a loopback address, and not with NODE_ENV=production): deliveries carry account data',
        });
      }
    }
    const webhookKey = env.WEBHOOK_SECRET?.slice(6);
    for (const [name, other] of [
      ['SESSION_SECRET', env.SESSION_SECRET],
      ['ADMIN_API_KEY', env.ADMIN_API_KEY],
      ['ENCRYPTION_KEY', env.ENCRYPTION_KEY],
    ] as const) {
      if (webhookKey && other && (other === webhookKey || other === env.WEBHOOK_SECRET)) {
        ctx.addIssue({
          code: 'custom',
          path: ['WEBHOOK_SECRET'],
          message: `must differ from ${name} (the host receiving webhooks holds it; it must open nothing else)`,
        });
      }
    }
  });

/**
 * Each provider's variables, named and defaulted in its own settings (providers/<id>/settings.ts):
 * `<PREFIX>_CLIENT_ID` and `_CLIENT_SECRET`, its URLs, and its rate limits (the budget of the
 * operator's plan or distribution).
 */
const credentialVariables = (settings: ProviderSettings) => ({
  id: `${settings.envPrefix}_CLIENT_ID`,
  secret: `${settings.envPrefix}_CLIENT_SECRET`,
});
const providerVariables = PROVIDERS.map(({ settings }) => settings).flatMap((settings) => {
  const credentials = credentialVariables(settings);
  return [
    [credentials.id, optionalSecret],
    [credentials.secret, optionalSecret],
    ...Object.values(settings.urls).map((setting) => [setting.env, url.default(setting.default)] as const),
    ...Object.values(settings.rateLimits).map(
      (limit) => [limit.env, z.coerce.number().int().min(1).max(1_000_000).default(limit.max)] as const,
    ),
  ] as const;
});
const providerSchema = z.object(Object.fromEntries(providerVariables)).superRefine((env, ctx) => {
  for (const { settings } of PROVIDERS) {
    const names = credentialVariables(settings);
    const id = env[names.id];
    const secret = env[names.secret];
    if (secret && !id) ctx.addIssue({ code: 'custom', path: [names.id], message: `is required when ${names.secret} is set` });
    // A provider that allows public clients (declared in its settings) runs on a client id alone.
    if (id && !secret && settings.clientSecret === 'required') {
      ctx.addIssue({ code: 'custom', path: [names.secret], message: `set both ${names.id} and ${names.secret}, or neither` });
    }
  }
});

/** Every environment variable the server reads (the README table documents each). */
export const ENV_VARIABLES: readonly string[] = [...new Set([...Object.keys(envSchema.shape), ...providerVariables.map(([name]) => name)])];

export type Env = z.output<typeof envSchema>;

export interface Config {
  nodeEnv: Env['NODE_ENV'];
  port: number;
  host: string;
  publicUrl: string;
  allowedOrigins: readonly string[];
  redisUrl?: string;
  /** Redis Cluster seed nodes; takes precedence over redisUrl. */
  redisClusterNodes?: ReadonlyArray<{ host: string; port: number }>;
  redisPassword?: string;
  redisKeyPrefix: string;
  /** Per provider call; the refresh lock is held 3x this. */
  providerTimeoutMs: number;
  /**
   * Data calls: full-jitter backoff base, the longest single wait (Retry-After, lock-outs), and
   * the longest wait for a free slot of the provider's rate limit before PROVIDER_RATE_LIMITED.
   */
  providerRetry: { baseMs: number; maxWaitMs: number; maxQueueMs: number };
  encryptionKey?: Buffer;
  logLevel: Env['LOG_LEVEL'];
  /** Behind a reverse proxy: the client IP is the rightmost X-Forwarded-For entry (the one the proxy appended). */
  trustProxy: boolean;
  /** open: identity from the request (demo only). signed: identity only from a session token. */
  authMode: 'open' | 'signed';
  sessionSecret?: string;
  adminApiKey?: string;
  /** Admin-only `connect(connectLink: true)`: an authorization URL meant for someone else's browser. */
  allowConnectLinks: boolean;
  /** connect calls per identity per minute, and per client IP per minute. */
  connectRateLimit: { perIdentity: number; perIp: number };
  /** `load` runs started per identity per minute; bytes of scratch data per identity per run lifetime. */
  loadLimits: { runsPerMinute: number; scratchBytes: number };
  /** HTTP: the whole request (headers and body) must arrive within this; open connections are capped. */
  http: { requestTimeoutMs: number; maxConnections: number };
  bodyLimit: string;
  /** The provider proxy: largest request body it forwards, largest answer it passes back (bytes). */
  proxy: { maxBodyBytes: number; maxResponseBytes: number };
  /** Signed webhooks to the host's backend (docs/webhooks.md); undefined when WEBHOOK_URL is unset. */
  webhook?: WebhookConfig;
  providers: Record<ProviderId, ProviderEndpoints>;
}

export interface WebhookConfig {
  url: string;
  /** `whsec_<base64>`, as the Standard Webhooks libraries take it. */
  secret: string;
  /** One delivery try: the receiver must answer 2xx within this. */
  timeoutMs: number;
  /** Tries before a delivery is kept as failed (the default spans more than 24 hours). */
  maxAttempts: number;
  failedRetentionMs: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((line) => `  - ${line}`).join('\n')}`);
  }
}

/** Empty strings count as unset, as in most deployment tools. */
function withoutEmpty(source: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(source).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''),
  );
}

export interface LoadOptions {
  sandboxProviders?: readonly ProviderId[];
  /** Only `npm start` (the demo) defaults to AUTH_MODE=open; everything else defaults to signed. */
  defaultAuthMode?: 'open' | 'signed';
}

export function loadConfig(source: Record<string, string | undefined> = process.env, options: LoadOptions = {}): Config {
  const input: Record<string, string | undefined> = withoutEmpty(source);
  input.AUTH_MODE ??= options.defaultAuthMode ?? 'signed';
  const parsed = envSchema.safeParse(input);
  const providerEnv = providerSchema.safeParse(input);
  if (!parsed.success || !providerEnv.success) {
    const issues = [...(parsed.error?.issues ?? []), ...(providerEnv.error?.issues ?? [])];
    throw new ConfigError(issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`));
  }
  const env = parsed.data;
  const sandbox = new Set(options.sandboxProviders ?? []);
  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    publicUrl: env.PUBLIC_URL,
    allowedOrigins: env.ALLOWED_ORIGINS,
    redisUrl: env.REDIS_URL,
    redisClusterNodes: env.REDIS_CLUSTER_NODES?.map((node) => {
      const [host = '', port = ''] = node.split(':');
      return { host, port: Number(port) };
    }),
    redisPassword: env.REDIS_PASSWORD,
    providerTimeoutMs: env.PROVIDER_TIMEOUT_MS,
    providerRetry: { baseMs: env.PROVIDER_RETRY_BASE_MS, maxWaitMs: env.PROVIDER_MAX_WAIT_MS, maxQueueMs: env.PROVIDER_QUEUE_MAX_MS },
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
    encryptionKey: env.ENCRYPTION_KEY ? Buffer.from(env.ENCRYPTION_KEY, 'base64') : undefined,
    logLevel: env.LOG_LEVEL,
    trustProxy: env.TRUST_PROXY === 'true',
    authMode: env.AUTH_MODE ?? 'signed',
    sessionSecret: env.SESSION_SECRET,
    adminApiKey: env.ADMIN_API_KEY,
    allowConnectLinks: env.ALLOW_CONNECT_LINKS === 'true',
    connectRateLimit: { perIdentity: env.CONNECT_RATE_LIMIT, perIp: env.CONNECT_RATE_LIMIT_PER_IP },
    loadLimits: { runsPerMinute: env.LOAD_RATE_LIMIT, scratchBytes: env.LOAD_SCRATCH_LIMIT_MB * 1024 * 1024 },
    http: { requestTimeoutMs: env.REQUEST_TIMEOUT_MS, maxConnections: env.MAX_CONNECTIONS },
    bodyLimit: env.BODY_LIMIT,
    proxy: { maxBodyBytes: env.PROXY_MAX_BODY_BYTES, maxResponseBytes: env.PROXY_MAX_RESPONSE_BYTES },
    webhook:
      env.WEBHOOK_URL && env.WEBHOOK_SECRET
        ? {
            url: env.WEBHOOK_URL,
            secret: env.WEBHOOK_SECRET,
            timeoutMs: env.WEBHOOK_TIMEOUT_MS,
            maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
            failedRetentionMs: env.WEBHOOK_FAILED_RETENTION_DAYS * 86_400_000,
          }
        : undefined,
    providers: providerEndpoints(providerEnv.data as Record<string, string | number | undefined>, sandbox),
  };
}

/** Config.providers: each provider's endpoints from the variables its settings name. */
function providerEndpoints(
  env: Record<string, string | number | undefined>,
  sandbox: ReadonlySet<ProviderId>,
): Record<ProviderId, ProviderEndpoints> {
  const text = (name: string) => (typeof env[name] === 'string' ? env[name] : undefined);
  const rateLimits = Object.fromEntries(
    PROVIDERS.flatMap(({ settings }) => Object.values(settings.rateLimits).map((limit) => [limit.env, Number(env[limit.env])] as const)),
  );
  const entries = PROVIDERS.map(({ settings }): [ProviderId, ProviderEndpoints] => {
    const credentials = credentialVariables(settings);
    return [
      settings.id,
      {
        clientId: text(credentials.id),
        clientSecret: text(credentials.secret),
        authUrl: text(settings.urls.authUrl.env) ?? settings.urls.authUrl.default,
        apiUrl: text(settings.urls.apiUrl.env) ?? settings.urls.apiUrl.default,
        sandbox: sandbox.has(settings.id),
        rateLimits,
      },
    ];
  });
  return Object.fromEntries(entries) as Record<ProviderId, ProviderEndpoints>;
}
