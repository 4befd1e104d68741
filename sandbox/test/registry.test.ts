import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../src/dataset.js';
import { DEFAULT_CLIENTS, type RunningSandbox, serverEnv, SIMULATOR_IDS, type SimulatorId, simulatorModule } from '../src/index.js';
import { resolveOptions, type SandboxOptions } from '../src/options.js';
import { freePort } from '../../test/support/redis-server.js';
import { connectHubSpot, get, startSmallSandbox, url } from './helpers.js';

/** What the shared machinery derives from the registry, seen from outside: env, sizes, limits, faults. */
describe('the simulator registry', () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await startSmallSandbox();
  });
  afterAll(() => sb.close());

  it('lists each provider once, each with its label, its own standalone port and its default client', () => {
    expect(SIMULATOR_IDS).toEqual(['hubspot', 'airtable', 'notion']);
    expect(SIMULATOR_IDS.map((id) => simulatorModule(id).label)).toEqual(['HubSpot', 'Airtable', 'Notion']);
    expect(SIMULATOR_IDS.map((id) => simulatorModule(id).standalonePort)).toEqual([4101, 4102, 4103]);
    for (const id of SIMULATOR_IDS) expect(sb[id].clientId).toBe(DEFAULT_CLIENTS[id].clientId);
  });

  it('points the server at each simulator with the variables production sets, for the providers asked', () => {
    expect(serverEnv(sb)).toEqual({
      HUBSPOT_CLIENT_ID: sb.hubspot.clientId,
      HUBSPOT_CLIENT_SECRET: sb.hubspot.clientSecret,
      HUBSPOT_AUTH_URL: sb.hubspot.authUrl,
      HUBSPOT_API_URL: sb.hubspot.apiUrl,
      AIRTABLE_CLIENT_ID: sb.airtable.clientId,
      AIRTABLE_CLIENT_SECRET: sb.airtable.clientSecret,
      AIRTABLE_AUTH_URL: sb.airtable.authUrl,
      AIRTABLE_API_URL: sb.airtable.apiUrl,
      NOTION_CLIENT_ID: sb.notion.clientId,
      NOTION_CLIENT_SECRET: sb.notion.clientSecret,
      NOTION_API_URL: sb.notion.apiUrl,
    });
    expect(serverEnv(sb, ['notion'])).toEqual({
      NOTION_CLIENT_ID: sb.notion.clientId,
      NOTION_CLIENT_SECRET: sb.notion.clientSecret,
      NOTION_API_URL: sb.notion.apiUrl,
    });
  });

  it('leaves a public client’s secret out of the server env', async () => {
    const pub = await startSmallSandbox({ airtable: { client: { clientId: '5a4db0c5-0000-4ab1-8e00-00000000b11c', clientSecret: null } } });
    try {
      expect(serverEnv(pub, ['airtable'])).toEqual({
        AIRTABLE_CLIENT_ID: '5a4db0c5-0000-4ab1-8e00-00000000b11c',
        AIRTABLE_AUTH_URL: pub.airtable.authUrl,
        AIRTABLE_API_URL: pub.airtable.apiUrl,
      });
    } finally {
      await pub.close();
    }
  });

  it('refuses a public client for a provider whose apps always have a secret, and leaves nothing listening', async () => {
    const port = await freePort();
    await expect(startSmallSandbox({ notion: { port, client: { clientId: 'x', clientSecret: null } } })).rejects.toThrow(
      /needs a client secret/,
    );
    const again = await startSmallSandbox({ notion: { port } });
    expect(again.notion.apiUrl).toBe(`http://127.0.0.1:${port}`);
    await again.close();
  });

  it("shrinks every simulator's default data with dataSize 'small', while a provider's own size wins", () => {
    const data = generateDataset(resolveOptions({ dataSize: 'small', notion: { size: { items: 7 } } }));
    expect(data.hubspot[0]?.contacts).toHaveLength(50);
    expect(data.airtable[0]?.bases.filter((b) => b.granted)).toHaveLength(3);
    expect(data.notion[0]?.items).toHaveLength(7);
    const full = generateDataset(resolveOptions({ hubspot: { size: { contacts: 20 } }, airtable: { size: { bases: 1 } } }));
    expect(full.notion[0]?.items).toHaveLength(2_000);
  });

  it('turns every rate limit off with rateLimits: false, and a provider’s own limits: true back on to the published one', async () => {
    const limitOf = (options: SandboxOptions, id: SimulatorId) =>
      resolveOptions(options).simulators.find(({ module }) => module.id === id)?.settings as { limits?: unknown } | undefined;
    for (const id of SIMULATOR_IDS) {
      expect(limitOf({ rateLimits: false }, id)?.limits, id).toBe(false);
      expect(limitOf({ rateLimits: false, [id]: { limits: true } }, id)?.limits, id).toEqual(limitOf({}, id)?.limits);
    }
    // Seen from outside: the published HubSpot window is on the wire only when asked for.
    const headerWith = async (options: SandboxOptions) => {
      const running = await startSmallSandbox(options);
      try {
        const { access_token } = await connectHubSpot(running);
        return (await get(url(running.hubspot.apiUrl, '/crm/v3/objects/contacts'), access_token)).headers.get('x-hubspot-ratelimit-max');
      } finally {
        await running.close();
      }
    };
    expect(await headerWith({ rateLimits: false, hubspot: { limits: true } })).toBe('110');
    expect(await headerWith({ rateLimits: false })).toBeNull();
  });

  it('takes faults only for providers it simulates', () => {
    expect(() => sb.faults.inject({ provider: 'nope' as SimulatorId, kind: 'delay' })).toThrow();
    expect(sb.faults.list()).toEqual([]);
  });
});
