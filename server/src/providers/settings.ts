/**
 * What the rest of the server needs to know about a provider before loading any of its code,
 * declared as plain data in the provider's own folder (`providers/<id>/settings.ts`): its name,
 * the env variables that configure it and their defaults, and its published rate limits. Config
 * parsing, the README's env table and the `providers` query are derived from these.
 */
export interface ProviderSettings<Id extends string = string> {
  /** The provider id: lower case, as in URLs (`/integrations/<id>/oauth2callback`) and store keys. */
  id: Id;
  displayName: string;
  /** `<envPrefix>_CLIENT_ID` and `<envPrefix>_CLIENT_SECRET` hold the app's credentials. */
  envPrefix: string;
  /** One line for the README row of the credentials. */
  credentialsAbout: string;
  /** `optional`: the provider allows apps without a client secret (public clients). */
  clientSecret: 'required' | 'optional';
  /** Where the consent page and the APIs live; two URLs may share one variable. */
  urls: { authUrl: UrlSetting; apiUrl: UrlSetting };
  /** The provider's published rate limits, each overridable for the operator's plan. */
  rateLimits: Readonly<Record<string, RateLimitSetting>>;
}

export interface UrlSetting {
  /** Env variable that points the provider elsewhere (a simulator, a regional host). */
  env: string;
  default: string;
  /** One line for the README table. */
  about: string;
}

export interface RateLimitSetting {
  /** Env variable that sets `max` for this deployment's plan or distribution. */
  env: string;
  /** The safe published value: what every plan gets at least. */
  max: number;
  windowMs: number;
  /** One line for the README table: what is counted, and the other published values. */
  about: string;
}

/** One provider as this deployment configured it (config/env.ts builds these from the settings). */
export interface ProviderEndpoints {
  clientId?: string;
  clientSecret?: string;
  authUrl: string;
  apiUrl: string;
  /** Set by `npm start` when the URLs point at the local simulator. */
  sandbox: boolean;
  /** Configured rate limits by env variable name (see `rateLimit`). */
  rateLimits: Readonly<Record<string, number>>;
}

/** A provider can start an OAuth flow: a client id, and a secret unless it allows public clients. */
export function hasClientCredentials(settings: Pick<ProviderSettings, 'clientSecret'>, endpoints: ProviderEndpoints): boolean {
  return Boolean(endpoints.clientId) && (Boolean(endpoints.clientSecret) || settings.clientSecret === 'optional');
}

/** The rule a module enforces before each call: the configured budget, or the published default. */
export function rateLimit(endpoints: ProviderEndpoints, setting: RateLimitSetting): { max: number; windowMs: number } {
  return { max: endpoints.rateLimits[setting.env] ?? setting.max, windowMs: setting.windowMs };
}
