import { Agent, request } from 'node:http';
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Many cheap requests over a few keep-alive sockets. node:http, not fetch: it adds no body
 * checks of its own and sends exactly the bytes given.
 */
export class KeepAliveClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 8 });
  private readonly host: string;
  private readonly port: string;
  constructor(base: string) {
    ({ hostname: this.host, port: this.port } = new URL(base));
  }

  send(method: string, path: string, options: { headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<RawResponse> {
    // A body is always framed by its length. node:http frames one by itself only for methods that
    // default to chunked encoding (POST, PUT, PATCH): a DELETE or OPTIONS body would go out bare, and
    // the server would read it as the next request (Node 24's server then resets the connection
    // before the client reads the answer). Unframed bytes are raw-http.ts's job, not this client's.
    const { body } = options;
    const headers = body === undefined ? options.headers : { 'content-length': String(Buffer.byteLength(body)), ...options.headers };
    return new Promise((resolve, reject) => {
      const req = request(
        // `path` goes out as given ('//graphql', '/a/../b', '%00'): no URL normalisation on our side.
        { agent: this.agent, method, host: this.host, port: this.port, path, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.setTimeout(10_000, () => req.destroy(new Error(`timeout: ${method} ${path.slice(0, 200)}`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * One request written byte for byte on a fresh socket: header values with CR/LF/NUL, bad
 * request lines, smuggling attempts. No client library would send these; attackers do.
 */
export function sendRaw(port: number, bytes: Buffer, timeoutMs = 3_000): Promise<{ statusLine: string; raw: string }> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    const done = () => {
      socket.destroy();
      const raw = Buffer.concat(chunks).toString('latin1');
      resolve({ statusLine: raw.split('\r\n', 1)[0] ?? '', raw });
    };
    socket.setTimeout(timeoutMs, done);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      // One complete response is enough: headers seen and either no body or the body is in.
      const text = Buffer.concat(chunks).toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = /content-length:\s*(\d+)/i.exec(text.slice(0, end));
      if (!length || text.length - end - 4 >= Number(length[1])) done();
    });
    socket.on('error', done);
    socket.on('end', done);
    socket.on('connect', () => socket.write(bytes));
  });
}
