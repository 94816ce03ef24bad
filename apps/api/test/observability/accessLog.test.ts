import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { accessLog } from '../../src/observability/accessLog.js';

/** A pino logger like the API's (its base binding, default time) writing into an array of lines. */
function capturingLogger(level = 'info') {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: pino({ level, base: { service: 'concert-api' } }, stream) };
}

const withoutTime = (line: string | undefined) => line?.replace(/"time":\d+/, '"time":0');
const flushed = () => new Promise((resolve) => setImmediate(resolve));

describe('access log line', () => {
  it('is the line pino writes for the same request, field for field and in the same order', async () => {
    const { lines, logger } = capturingLogger();
    const record = { requestId: 'req-"1"\\', path: '/api/v1/concerts/7/available-seats?x="é"', status: 201, durationMs: 12.34 };
    logger.child({ method: 'POST', route: '/api/v1/concerts/:concertId' }).info(record, 'request');
    accessLog(logger, 'POST', '/api/v1/concerts/:concertId')(record);
    await flushed();
    expect(lines).toHaveLength(2);
    expect(withoutTime(lines[1])).toBe(withoutTime(lines[0]));
    expect(JSON.parse(lines[1] ?? '')).toMatchObject({ level: 30, time: expect.any(Number), path: record.path, requestId: record.requestId });
  });

  it('writes nothing when the level is above info', async () => {
    const { lines, logger } = capturingLogger('warn');
    accessLog(logger, 'GET', '/healthz')({ requestId: 'r', path: '/healthz', status: 200, durationMs: 1 });
    await flushed();
    expect(lines).toEqual([]);
  });
});
