/**
 * The physical baseline of bench/proxy.ts: the least a forwarding hop can do on this machine. Plain
 * node:http, one keep-alive agent, every request passed to the target (argv[3]) with its headers and
 * the answer piped back: no framework, no auth, no store, no logs, no limits.
 */
import { Agent, createServer, request } from 'node:http';

const port = Number(process.argv[2] ?? 0);
const target = new URL(process.argv[3] ?? 'http://127.0.0.1:1');
const agent = new Agent({ keepAlive: true, maxSockets: 512 });
const server = createServer((incoming, outgoing) => {
  const { host: _host, connection: _connection, ...headers } = incoming.headers;
  const upstream = request(
    { host: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers, agent },
    (response) => {
      outgoing.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(outgoing);
    },
  );
  upstream.on('error', () => outgoing.destroy());
  incoming.pipe(upstream);
});
server.listen(port, '127.0.0.1', () => process.stdout.write('listening\n'));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
