import { PROVIDERS } from '../providers/registry.js';
import { PROXY_VARIABLES } from './env.js';

/**
 * The README's configuration rows of every provider, derived from the registry: the credentials,
 * each URL variable (once, where two URLs share one) and each rate limit, with its default. A
 * test holds README.md to exactly these lines, so the table cannot drift from the code.
 */
export function providerEnvRows(): string[] {
  return PROVIDERS.flatMap(({ settings }) => {
    const urls = [...new Map(Object.values(settings.urls).map((url) => [url.env, url])).values()];
    return [
      `| \`${settings.envPrefix}_CLIENT_ID\`, \`${settings.envPrefix}_CLIENT_SECRET\` | unset | ${settings.credentialsAbout} |`,
      ...urls.map((url) => `| \`${url.env}\` | \`${url.default}\` | ${url.about} |`),
      ...Object.values(settings.rateLimits).map((limit) => `| \`${limit.env}\` | \`${limit.max}\` | ${limit.about} |`),
    ];
  });
}

/** The README's rows of the provider proxy's variables (a test holds README.md to them too). */
export function proxyEnvRows(): string[] {
  return Object.entries(PROXY_VARIABLES).map(([name, v]) => `| \`${name}\` | \`${v.default}\` | ${v.about} |`);
}
