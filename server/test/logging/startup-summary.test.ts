import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startServerProcess } from '../../../test/support/server-process.js';

/**
 * Issue 26: the first thing a person starting the server reads. One structured line says how callers
 * are identified, where connections live, each configured provider's redirect URI (what its app must
 * register), the allowed origins and whether webhooks go out; in development the same facts follow
 * as readable lines. No secret is in either.
 */
const secrets = {
  SESSION_SECRET: randomBytes(32).toString('base64'),
  HUBSPOT_CLIENT_SECRET: `hs-secret-${randomBytes(8).toString('hex')}`,
  WEBHOOK_SECRET: `whsec_${randomBytes(32).toString('base64')}`,
};
const env = {
  ...secrets,
  PUBLIC_URL: 'https://connect.example.com',
  ALLOWED_ORIGINS: 'https://app.example.com,https://admin.example.com',
  HUBSPOT_CLIENT_ID: 'hs-client',
  AIRTABLE_CLIENT_ID: 'at-client', // a public client: no secret needed
  WEBHOOK_URL: 'http://127.0.0.1:9/hooks',
};

async function startupOutput(extra: Record<string, string>) {
  const server = await startServerProcess({ ...env, ...extra });
  server.kill('SIGTERM');
  await server.exited;
  const output = server.output();
  const summary = output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .find((line) => line.msg === 'integration-connector server listening');
  return { output, summary, url: server.url };
}

describe('the start-up summary', () => {
  it('is one structured line: auth mode, store, providers with their redirect URIs, origins, webhooks', async () => {
    const { summary, output, url } = await startupOutput({ NODE_ENV: 'test' });
    expect(summary).toMatchObject({
      level: 30,
      url,
      graphql: `${url}/graphql`,
      nodeEnv: 'test',
      authMode: 'signed',
      store: 'memory',
      providers: [
        { id: 'hubspot', callbackUrl: 'https://connect.example.com/integrations/hubspot/oauth2callback' },
        { id: 'airtable', callbackUrl: 'https://connect.example.com/integrations/airtable/oauth2callback' },
      ],
      providersNotConfigured: ['notion'],
      allowedOrigins: ['https://app.example.com', 'https://admin.example.com'],
      webhooks: true,
    });
    // Outside development the output is JSON lines only: a log shipper parses every line.
    expect(output).not.toContain('  Providers ');
    for (const secret of Object.values(secrets)) expect(output).not.toContain(secret);
  }, 30_000);

  it('is followed in development by the same facts as readable lines', async () => {
    const { output } = await startupOutput({ NODE_ENV: 'development' });
    expect(output).toMatch(/^ {2}Auth +signed session tokens \(SESSION_SECRET\)$/m);
    expect(output).toMatch(/^ {2}Store +in memory/m);
    expect(output).toMatch(
      /^ {2}Providers +hubspot +redirect URI https:\/\/connect\.example\.com\/integrations\/hubspot\/oauth2callback$/m,
    );
    expect(output).toMatch(/^ {19}airtable +redirect URI https:\/\/connect\.example\.com\/integrations\/airtable\/oauth2callback$/m);
    expect(output).toMatch(/^ {2}Not configured +notion$/m);
    expect(output).toMatch(/^ {2}Allowed origins +https:\/\/app\.example\.com, https:\/\/admin\.example\.com$/m);
    expect(output).toMatch(/^ {2}Webhooks +on \(WEBHOOK_URL\)$/m);
    for (const secret of Object.values(secrets)) expect(output).not.toContain(secret);
  }, 30_000);
});
