import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { accessLogger, createLogger, type AccessLine } from '../../src/logging/logger.js';

function capture(level = 'info') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: createLogger({ level, destination }) };
}

const LINES: AccessLine[] = [
  { requestId: 'a1b2-c3', method: 'POST', path: '/graphql', status: 200, ms: 3 },
  // Whatever a client put in the path is escaped as pino escapes it.
  { requestId: 'x', method: 'GET', path: '/a"b\\c\u0001\u2028é', status: 404, ms: 0 },
  {
    requestId: 'y',
    method: 'GET',
    path: '/proxy/p/v1/x',
    status: 502,
    ms: 12,
    proxy: { provider: 'p', query: ['limit', 'a"b'], attempts: 2, refreshed: true },
  },
  {
    requestId: 'z',
    method: 'POST',
    path: '/graphql',
    status: 200,
    ms: 4,
    graphql: { operation: 'Load', errorCodes: ['PROVIDER_RATE_LIMITED'] },
  },
];

describe('the access line', () => {
  it('is byte for byte the line pino writes for the same fields (key order, timestamp format, base fields)', () => {
    for (const line of LINES) {
      const { lines, logger } = capture();
      const fixed = Date.now;
      const at = Date.now();
      Date.now = () => at; // both lines in the same millisecond, so their timestamps are equal
      try {
        accessLogger(logger).info(line, 'request');
        logger.child({}, { redact: { paths: [], censor: '[redacted]' } }).info(line, 'request');
      } finally {
        Date.now = fixed;
      }
      expect(lines).toHaveLength(2);
      expect(lines[0]).toBe(lines[1]);
      expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, service: 'integration-connector', ...line, msg: 'request' });
    }
  });

  it('carries the bindings of the logger it writes for, and is not written below its level', () => {
    const { lines, logger } = capture();
    accessLogger(logger.child({ instance: 'i-1' })).info(LINES[0]!, 'request');
    expect(JSON.parse(lines[0]!)).toMatchObject({ service: 'integration-connector', instance: 'i-1', requestId: 'a1b2-c3' });
    const quiet = capture('warn');
    accessLogger(quiet.logger).info(LINES[0]!, 'request');
    expect(quiet.lines).toEqual([]);
  });
});
