/**
 * The paced client of bench:server's `load` figure: one worker per identity, each asking again
 * `paceMs` after its answer, with the sandbox's own time per call subtracted from what the client
 * saw (the server's added latency). Plus the small statistics and answer check the benches share.
 */
import { Agent, request } from 'node:http';
import type { SandboxResponse } from '../../sandbox/src/index.js';
import { BENCH_ORIGIN, type BenchStack } from './bench-stack.js';

/** Whether a GraphQL answer has data for `field` and no errors. */
export const graphqlOk = (field: string) => (body: string) => {
  try {
    const parsed = JSON.parse(body) as { data?: Record<string, unknown> | null; errors?: unknown };
    return !parsed.errors && parsed.data?.[field] !== null && parsed.data?.[field] !== undefined;
  } catch {
    return false;
  }
};

export const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
export const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : Number.NaN;
};

export interface LoadLatency {
  requests: number;
  errors: number;
  errorKinds: Record<string, number>;
  endToEnd: number[];
  sandbox: number[];
  added: number[];
  callsPerRequest: number;
}

/**
 * `load` first pages for every identity at once, one worker per identity, each asking again
 * paceMs after its answer. The sandbox reports each call's own time with the bearer token used;
 * a warm-up page per identity, one identity at a time, tells which token is whose.
 */
export interface PacedLoadOptions {
  /** The GraphQL query each request sends. */
  query: string;
  /** The field whose data marks a good answer. */
  field: string;
  paceMs: number;
  timeoutSeconds: number;
  seconds: number;
  /** Where the sandbox's per-call reports are fanned out while the run lasts. */
  observers: Set<(call: SandboxResponse) => void>;
}

export async function measurePacedLoad(
  stack: BenchStack,
  tokens: readonly string[],
  calls: SandboxResponse[],
  options: PacedLoadOptions,
): Promise<LoadLatency> {
  const { paceMs, timeoutSeconds, seconds, observers } = options;
  const agent = new Agent({ keepAlive: true, maxSockets: tokens.length });
  const url = new URL(`${stack.url}/graphql`);
  const body = JSON.stringify({ query: options.query });
  const post = (token: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', origin: BENCH_ORIGIN, authorization: `Bearer ${token}` },
          timeout: timeoutSeconds * 1000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(body);
    });
  const ok = graphqlOk(options.field);

  // Warm-up: whose provider token is whose (the server holds them; the sandbox sees them).
  const owner = new Map<string, number>();
  let warmCalls = 0;
  for (const [index, token] of tokens.entries()) {
    const before = calls.length;
    const answer = await post(token);
    if (!ok(answer.text)) throw new Error(`load first page failed: ${answer.text.slice(0, 200)}`);
    for (const call of calls.slice(before)) if (call.token) owner.set(call.token, index);
    warmCalls += calls.length - before;
  }
  calls.length = 0;

  const spent = new Float64Array(tokens.length);
  const watcher = (call: SandboxResponse) => {
    const index = call.token === undefined ? undefined : owner.get(call.token);
    if (index !== undefined) spent[index] = spent[index]! + call.ms;
  };
  const measured: LoadLatency = {
    requests: 0,
    errors: 0,
    errorKinds: {},
    endToEnd: [],
    sandbox: [],
    added: [],
    callsPerRequest: warmCalls / tokens.length,
  };
  const fail = (kind: string) => {
    measured.errors++;
    measured.errorKinds[kind] = (measured.errorKinds[kind] ?? 0) + 1;
  };
  const deadline = performance.now() + seconds * 1000;
  observers.add(watcher);
  try {
    await Promise.all(
      tokens.map(async (token, index) => {
        // Spread the first requests over one pace, as 50 people would not click at the same instant.
        await new Promise((resolve) => setTimeout(resolve, (index * paceMs) / tokens.length));
        while (performance.now() < deadline) {
          spent[index] = 0;
          const started = performance.now();
          try {
            const answer = await post(token);
            const took = performance.now() - started;
            measured.requests++;
            if (answer.status !== 200) fail('non-2xx');
            else if (!ok(answer.text)) fail(/"code":"(\w+)"/.exec(answer.text)?.[1] ?? 'bad body');
            else {
              measured.endToEnd.push(took);
              measured.sandbox.push(spent[index]);
              measured.added.push(took - spent[index]);
            }
          } catch (error) {
            measured.requests++;
            fail(error instanceof Error && error.message === 'timeout' ? 'timeout' : 'socket');
          }
          await new Promise((resolve) => setTimeout(resolve, paceMs));
        }
      }),
    );
  } finally {
    observers.delete(watcher);
    agent.destroy();
  }
  return measured;
}
