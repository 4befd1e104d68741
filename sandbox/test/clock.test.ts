import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { SandboxClock } from '../src/shared/clock.js';
import { connectHubSpot, postJson, startSmallSandbox } from './helpers.js';

/** The providers' time: one clock for every simulator, real time plus an offset that only grows. */
describe('the sandbox clock', () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await startSmallSandbox();
  });
  afterAll(() => sb.close());

  it('runs with real time until moved, then keeps the jump', () => {
    let real = 1_000_000;
    const clock = new SandboxClock(() => real);
    expect(clock.now()).toBe(1_000_000);
    clock.advance(7 * 24 * 3600_000);
    real += 5;
    expect(clock.now()).toBe(1_000_005 + 7 * 24 * 3600_000);
    expect(clock.offsetMs).toBe(7 * 24 * 3600_000);
    expect(clock.iso()).toBe(new Date(clock.now()).toISOString());
  });

  it('never runs back', () => {
    const clock = new SandboxClock();
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    expect(clock.offsetMs).toBe(0);
  });

  it('is moved for every simulator at once, in code and over each simulator admin route', async () => {
    const before = sb.clock.now();
    sb.clock.advance(60_000);
    expect(sb.clock.now() - before).toBeGreaterThanOrEqual(60_000);
    const answer = await postJson(`${sb.notion.apiUrl}/__sandbox/clock`, { advanceMs: 3_600_000 });
    expect(answer.status).toBe(200);
    const { now } = (await answer.json()) as { now: string };
    expect(Date.parse(now)).toBeGreaterThanOrEqual(before + 3_660_000);
    const read = (await (await fetch(`${sb.hubspot.apiUrl}/__sandbox/clock`)).json()) as { now: string };
    expect(Date.parse(read.now)).toBeGreaterThanOrEqual(Date.parse(now));
    expect(sb.clock.offsetMs).toBe(3_660_000);
  });

  it('refuses a step back or a malformed step over HTTP, and moves nothing', async () => {
    const offset = sb.clock.offsetMs;
    for (const body of [{ advanceMs: -5 }, { advanceMs: 1.5 }, { advance: 5 }, 'soon']) {
      const answer = await postJson(`${sb.airtable.apiUrl}/__sandbox/clock`, body);
      expect(answer.status).toBe(400);
    }
    expect(sb.clock.offsetMs).toBe(offset);
  });

  it('expires access tokens on provider time: a week later the token the provider issued is dead', async () => {
    // The HubSpot simulator's tokens live 30 minutes (fact sheet 1.1): a jump past that expires them.
    const { access_token: accessToken } = await connectHubSpot(sb);
    const ok = await fetch(`${sb.hubspot.apiUrl}/crm/v3/objects/contacts?limit=1`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(ok.status).toBe(200);
    sb.clock.advance(31 * 60_000);
    const expired = await fetch(`${sb.hubspot.apiUrl}/crm/v3/objects/contacts?limit=1`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { category: string }).category).toBe('EXPIRED_AUTHENTICATION');
  });
});
