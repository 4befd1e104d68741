import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { freePort } from './support/redis-server.js';

/** `npm start` on a fresh clone: zero configuration, everything up, every URL printed, clean stop. */
describe('npm start', () => {
  it('serves /graphql, /healthz and the demo page with simulated providers, and stops on SIGTERM', async () => {
    const [port, demoPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      env: { PATH: process.env.PATH, PORT: String(port), DEMO_PORT: String(demoPort), LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => output, { timeout: 20_000, interval: 100 }).toContain('integration-connector is running');
      expect(output).toContain(`http://localhost:${demoPort}/`);
      expect(output).toContain(`http://localhost:${port}/graphql`);
      expect(output).toMatch(/SIMULATED providers.*hubspot, airtable, notion/);

      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      const providers = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: `http://localhost:${demoPort}` },
        body: JSON.stringify({ query: '{ providers { id configured sandbox } }' }),
      });
      expect(providers.headers.get('access-control-allow-origin')).toBe(`http://localhost:${demoPort}`);
      expect(await providers.json()).toEqual({
        data: {
          providers: [
            { id: 'HUBSPOT', configured: true, sandbox: true },
            { id: 'AIRTABLE', configured: true, sandbox: true },
            { id: 'NOTION', configured: true, sandbox: true },
          ],
        },
      });
      const demo = await fetch(`http://localhost:${demoPort}/`);
      expect(demo.status).toBe(200);
      expect(await demo.text()).toContain('integration-connector');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 40_000);
});
