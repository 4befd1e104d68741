import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES, loadConfig } from '../config/env.js';
import { PROVIDER_IDS, PROVIDERS } from './registry.js';

/**
 * The env variables of each provider are a public contract (deployments set them): their names
 * and defaults are pinned here, where provider names may appear, while config/ derives them.
 */
const PUBLISHED = {
  hubspot: {
    HUBSPOT_CLIENT_ID: undefined,
    HUBSPOT_CLIENT_SECRET: undefined,
    HUBSPOT_AUTH_URL: 'https://app.hubspot.com',
    HUBSPOT_API_URL: 'https://api.hubapi.com',
    HUBSPOT_RATE_LIMIT_PER_10_SECONDS: 100,
  },
  airtable: {
    AIRTABLE_CLIENT_ID: undefined,
    AIRTABLE_CLIENT_SECRET: undefined,
    AIRTABLE_AUTH_URL: 'https://airtable.com',
    AIRTABLE_API_URL: 'https://api.airtable.com',
    AIRTABLE_RATE_LIMIT_PER_BASE_PER_SECOND: 5,
    AIRTABLE_RATE_LIMIT_PER_USER_PER_SECOND: 50,
  },
  notion: {
    NOTION_CLIENT_ID: undefined,
    NOTION_CLIENT_SECRET: undefined,
    NOTION_API_URL: 'https://api.notion.com',
    NOTION_RATE_LIMIT_PER_MINUTE: 180,
  },
};

describe('the provider registry', () => {
  it('lists HubSpot, Airtable and Notion in the order the API lists them, with their display names', () => {
    expect(PROVIDER_IDS).toEqual(['hubspot', 'airtable', 'notion']);
    expect(PROVIDERS.map((module) => module.settings.displayName)).toEqual(['HubSpot', 'Airtable', 'Notion']);
  });

  it('declares exactly the env variables deployments already set, with the same defaults', () => {
    for (const { settings } of PROVIDERS) {
      const declared: Record<string, string | number | undefined> = {
        [`${settings.envPrefix}_CLIENT_ID`]: undefined,
        [`${settings.envPrefix}_CLIENT_SECRET`]: undefined,
        [settings.urls.authUrl.env]: settings.urls.authUrl.default,
        [settings.urls.apiUrl.env]: settings.urls.apiUrl.default,
        ...Object.fromEntries(Object.values(settings.rateLimits).map((limit) => [limit.env, limit.max])),
      };
      expect(declared, settings.id).toEqual(PUBLISHED[settings.id]);
      for (const name of Object.keys(declared)) expect(ENV_VARIABLES).toContain(name);
    }
  });

  it("points Notion's consent page and API at the one NOTION_API_URL, as before", () => {
    const config = loadConfig({ AUTH_MODE: 'open', NOTION_API_URL: 'http://127.0.0.1:4103' });
    expect(config.providers.notion).toMatchObject({ authUrl: 'http://127.0.0.1:4103', apiUrl: 'http://127.0.0.1:4103' });
    expect(ENV_VARIABLES).not.toContain('NOTION_AUTH_URL');
  });

  it('lets only Airtable run without a client secret (a public client, Q2)', () => {
    expect(PROVIDERS.filter((module) => module.settings.clientSecret === 'optional').map((module) => module.settings.id)).toEqual([
      'airtable',
    ]);
  });
});
