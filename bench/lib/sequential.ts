import { Agent, request } from 'node:http';

/** A GET a bench times: where, and with which headers. */
export interface SequentialTarget {
  name: string;
  url: string;
  headers: Record<string, string>;
}

/** One call after another on one keep-alive socket, timed with performance.now(): the latency without any queue. */
export async function sequential(
  target: SequentialTarget,
  calls: number,
  isExpected: (body: string) => boolean,
): Promise<{ p50: number; p99: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(target.url);
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      const outgoing = request(
        { host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, headers: target.headers, agent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            if (response.statusCode !== 200 || !isExpected(Buffer.concat(chunks).toString('utf8')))
              reject(new Error(`${target.name}: HTTP ${response.statusCode}`));
            else resolve(performance.now() - started);
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end();
    });
  for (let i = 0; i < 100; i++) await once(); // warm-up: JIT, pools
  const times: number[] = [];
  for (let i = 0; i < calls; i++) times.push(await once());
  agent.destroy();
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}
