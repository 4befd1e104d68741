import type { RunningSandbox } from './index.js';
import { PROVIDERS, type ProviderName } from './shared/types.js';

/**
 * The server's environment variables that point it at this sandbox (credentials and base URLs),
 * for the given providers: the same variables production sets for the real services.
 */
export function serverEnv(
  sandbox: Pick<RunningSandbox, ProviderName>,
  providers: readonly ProviderName[] = PROVIDERS,
): Record<string, string> {
  const env: Record<string, string> = {};
  if (providers.includes('hubspot')) {
    Object.assign(env, {
      HUBSPOT_CLIENT_ID: sandbox.hubspot.clientId,
      HUBSPOT_CLIENT_SECRET: sandbox.hubspot.clientSecret,
      HUBSPOT_AUTH_URL: sandbox.hubspot.authUrl,
      HUBSPOT_API_URL: sandbox.hubspot.apiUrl,
    });
  }
  if (providers.includes('airtable')) {
    Object.assign(env, {
      AIRTABLE_CLIENT_ID: sandbox.airtable.clientId,
      // A public client (no secret) is configured by leaving the secret out.
      ...(sandbox.airtable.clientSecret === null ? {} : { AIRTABLE_CLIENT_SECRET: sandbox.airtable.clientSecret }),
      AIRTABLE_AUTH_URL: sandbox.airtable.authUrl,
      AIRTABLE_API_URL: sandbox.airtable.apiUrl,
    });
  }
  if (providers.includes('notion')) {
    Object.assign(env, {
      NOTION_CLIENT_ID: sandbox.notion.clientId,
      NOTION_CLIENT_SECRET: sandbox.notion.clientSecret,
      NOTION_API_URL: sandbox.notion.apiUrl,
    });
  }
  return env;
}
