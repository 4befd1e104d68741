import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Redaction is by key, anywhere a secret could travel: tokens, client
 * secrets, codes, consent confirmations, auth headers. Tests grep captured logs for known secrets to prove it holds.
 */
export const REDACTED_PATHS = [
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

export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'integration-connector' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    // stdout written asynchronously: lines written while one write is in flight go out together
    // (one syscall for many requests under load); pino flushes what is left when the process exits.
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
