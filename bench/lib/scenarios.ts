/**
 * The autocannon scenarios of bench:server: one scenario measured for some seconds (every body
 * checked, errors sorted by kind), the probe that flags a scenario not answering at all, and the
 * table of every round.
 */
import autocannon from 'autocannon';
import { median } from './paced-load.js';

export interface Scenario {
  name: string;
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** True when a 2xx body is the answer we want (for GraphQL: data present, no `errors`). */
  verify: (body: string) => boolean;
}

export interface Measured {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
  /** What the errors were: GraphQL codes, `non-2xx`, `timeout`, `socket`. */
  errorKinds: Record<string, number>;
}

/** How autocannon drives a scenario: connections at once, for how long, and the client timeout. */
export interface Load {
  connections: number;
  seconds: number;
  timeoutSeconds: number;
}

export async function measure(scenario: Scenario, load: Load): Promise<Measured> {
  const kinds: Record<string, number> = {};
  const verify = (body: string) => {
    if (scenario.verify(body)) return true;
    const kind = /"code":"(\w+)"/.exec(body)?.[1] ?? 'bad body';
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    return false;
  };
  const out = await autocannon({
    url: scenario.url,
    method: scenario.method,
    headers: scenario.headers,
    body: scenario.body,
    connections: load.connections,
    duration: load.seconds,
    timeout: load.timeoutSeconds,
    verifyBody: (body) => verify(typeof body === 'string' ? body : String(body ?? '')),
  });
  return {
    name: scenario.name,
    requestsPerSecond: out.requests.average,
    p50: out.latency.p50,
    p99: out.latency.p99,
    // mismatches: 2xx bodies that failed `verify` (GraphQL errors); autocannon counts timeouts inside `errors`.
    errors: out.non2xx + out.errors + out.mismatches,
    requests: out.requests.total,
    errorKinds: Object.fromEntries(
      Object.entries({ ...kinds, 'non-2xx': out.non2xx, timeout: out.timeouts, socket: out.errors - out.timeouts }).filter(
        ([, n]) => n > 0,
      ),
    ),
  };
}

/** The first answer of a scenario, to flag one that does not work at all (an error instead of data). */
export async function probe(scenario: Scenario): Promise<string | null> {
  const response = await fetch(scenario.url, { method: scenario.method, headers: scenario.headers, body: scenario.body });
  const text = await response.text();
  if (response.ok && scenario.verify(text)) return null;
  const code = /"code":"(\w+)"/.exec(text)?.[1];
  return code ? `answers ${code}` : `answers HTTP ${response.status}`;
}

/** One scenario over all rounds: summed requests and errors, the median round's rate and latencies. */
export interface Rounds {
  name: string;
  runs: Measured[];
  /** This scenario's rate over bare Apollo's in the same round, one per round. */
  ratios: number[];
}

export const kinds = (errorKinds: Record<string, number>) =>
  Object.entries(errorKinds)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');

export function formatScenarios(single: readonly Measured[], rounds: readonly Rounds[], problems: ReadonlyMap<string, string>): string {
  const header = [
    'scenario',
    'req/s per round',
    'p99 ms per round',
    'errors',
    'requests',
    'ratio to bare Apollo per round (median)',
    'error kinds',
  ];
  const rows = [
    ...single.map((m) => [
      m.name,
      String(Math.round(m.requestsPerSecond)),
      String(m.p99),
      String(m.errors),
      String(m.requests),
      '',
      kinds(m.errorKinds),
    ]),
    ...rounds.map((r) => [
      problems.has(r.name) ? `${r.name} [NOT YET REAL: ${problems.get(r.name)}]` : r.name,
      r.runs.map((m) => Math.round(m.requestsPerSecond)).join(' / '),
      r.runs.map((m) => m.p99).join(' / '),
      String(r.runs.reduce((n, m) => n + m.errors, 0)),
      String(r.runs.reduce((n, m) => n + m.requests, 0)),
      `${r.ratios.map((x) => x.toFixed(2)).join(' / ')} (${median(r.ratios).toFixed(2)})`,
      kinds(Object.assign({}, ...r.runs.map((m) => m.errorKinds)) as Record<string, number>),
    ]),
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
