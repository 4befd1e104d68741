import { pino, type Logger, type DestinationStream } from 'pino';
import { isIdentity, pseudonymizer } from './pseudonym.js';

export type { Logger };

/**
 * Structured JSON logs. Redaction is by key, anywhere a secret could travel: tokens, client
 * secrets, codes, consent confirmations, auth headers, and raw org and user ids (identities are
 * logged only as `who`, a keyed pseudonym: logging/pseudonym.ts). Tests grep captured logs for
 * known secrets and identities to prove it holds.
 */
export const REDACTED_PATHS = [
  'orgId',
  'userId',
  '*.orgId',
  '*.userId',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.access_token',
  '*.refresh_token',
  '*.accessToken',
  '*.refreshToken',
  '*.client_secret',
  '*.clientSecret',
  '*.code',
  '*.code_verifier',
  '*.codeVerifier',
  '*.token',
  '*.confirmation',
  '*.password',
  '*.encryptionKey',
  'config.encryptionKey',
];

const CENSOR = '[redacted]';

/**
 * pino's isoTime, formatted once per millisecond: under load many lines share one (a Date and
 * its ISO string per line were 2% of a request's CPU). Same output, same precision.
 */
function isoTimeOncePerMs(): () => string {
  let at = Number.NaN;
  let text = '';
  return () => {
    const now = Date.now();
    if (now !== at) {
      at = now;
      text = `,"time":"${new Date(now).toISOString()}"`;
    }
    return text;
  };
}

export interface LoggerOptions {
  level: string;
  destination?: DestinationStream;
  /** ENCRYPTION_KEY: every instance then writes the same `who` for an identity (else random per process). */
  pseudonymKey?: Uint8Array;
}

export function createLogger(options: LoggerOptions): Logger {
  const pseudonym = pseudonymizer(options.pseudonymKey);
  return pino(
    {
      level: options.level,
      base: { service: 'integration-connector' },
      redact: { paths: REDACTED_PATHS, censor: CENSOR },
      // `log.info({ who: identity, ... })` writes the identity's pseudonym, never its ids.
      serializers: { who: (value: unknown) => (isIdentity(value) ? pseudonym(value) : CENSOR) },
      timestamp: isoTimeOncePerMs(),
    },
    // stdout written asynchronously: lines written while one write is in flight go out together
    // (one syscall for many requests under load); pino flushes what is left when the process exits.
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

/** The fields of the one access line every request writes; nothing else goes through its logger. */
export interface AccessLine {
  requestId: string;
  method: string;
  path: string;
  status: number;
  ms: number;
  /** A proxied call's own facts (http/proxy-route.ts): names and counts only, never a value. */
  proxy?: ProxiedCallLine;
  /** A GraphQL request's operation and the error codes of its answer (graphql/log-plugin.ts). */
  graphql?: GraphQLCallLine;
}

/** What a GraphQL request adds to its access line: no variables, no values, only names and codes. */
export interface GraphQLCallLine {
  /** The operation's name (a GraphQL name), when it has one. */
  operation?: string;
  /** Each `extensions.code` in the answer's errors, once. */
  errorCodes?: string[];
}

/** What the provider proxy adds to a proxied call's access line (one line per call, not two). */
export interface ProxiedCallLine {
  provider: string;
  /** The query's parameter names; their values can carry secrets and are never logged. */
  query: string[];
  /** Provider calls made (a refresh-and-retry or a waited-out 429 make more than one). */
  attempts: number;
  refreshed: boolean;
}

/**
 * The access line's writer: the same stream, level, timestamp and base fields as `logger`, and
 * the line pino would write for these fields (server/test/logging.test.ts holds it to that), written
 * without pino's general path. Every path in REDACTED_PATHS names a key this line never has (a
 * top-level `orgId`, or `<any key>.token`: this line holds only a fixed set of strings and numbers,
 * and a proxied call's `proxy` and a GraphQL call's `graphql` objects, whose keys are none that a
 * path names), so redaction could never change
 * it; pino's serialiser walks every field of every line to find that out (its redaction pass was
 * about a tenth of a `{ __typename }` request's CPU; the walk, 2-3 us more). Typed so that only
 * those fields fit.
 */
export function accessLogger(logger: Logger): { info(line: AccessLine, msg: string): void } {
  const own = logger as unknown as Record<symbol, unknown>;
  const stream = own[pino.symbols.streamSym] as DestinationStream;
  const time = own[pino.symbols.timeSym] as () => string;
  // The base fields and any bindings of `logger`, already serialised by pino (`,"service":...`).
  const bindings = own[pino.symbols.chindingsSym] as string;
  const info = pino.levels.values.info!;
  // A stream that wants each line's level beside it (pino.multistream) gets its lines from pino.
  if (own[pino.symbols.needsMetadataGsym] || (stream as unknown as Record<symbol, unknown>)[pino.symbols.needsMetadataGsym])
    return logger.child({}, { redact: { paths: [], censor: CENSOR } });
  return {
    info(line, msg) {
      if (!logger.isLevelEnabled('info')) return;
      let text = `{"level":${info}${time()}${bindings},"requestId":${JSON.stringify(line.requestId)},"method":${JSON.stringify(line.method)},"path":${JSON.stringify(line.path)},"status":${line.status},"ms":${line.ms}`;
      if (line.proxy !== undefined) text += `,"proxy":${JSON.stringify(line.proxy)}`;
      if (line.graphql !== undefined) text += `,"graphql":${JSON.stringify(line.graphql)}`;
      stream.write(`${text},"msg":${JSON.stringify(msg)}}\n`);
    },
  };
}
