import { PROVIDERS } from '../providers/registry.js';

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
