import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { accessLog } from '../../src/observability/accessLog.js';
import { createLogger } from '../../src/observability/logger.js';

/** A stream that keeps each line written to it. */
function lineCapture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream };
}

const withoutTime = (line: string | undefined) => line?.replace(/"time":\d+/, '"time":0');
const flushed = () => new Promise((resolve) => setImmediate(resolve));
const record = { requestId: 'req-"1"\\', path: '/api/v1/concerts/7/available-seats?x="é"', status: 201, durationMs: 12.34 };

describe('access log line', () => {
  it("is, for the API's logger, the line pino writes for the same request, field for field and in order", async () => {
    const { lines, stream } = lineCapture();
    const logger = createLogger({ log: { level: 'info' } }, stream);
    logger.child({ method: 'POST', route: '/api/v1/concerts/:concertId' }).info(record, 'request');
    accessLog(logger, 'POST', '/api/v1/concerts/:concertId')(record);
    await flushed();
    expect(lines).toHaveLength(2);
    expect(withoutTime(lines[1])).toBe(withoutTime(lines[0]));
    expect(JSON.parse(lines[1] ?? '')).toMatchObject({ level: 30, time: expect.any(Number), service: 'concert-api', ...record });
  });

  it("goes through pino for any other logger, so that logger's own fields and options apply", async () => {
    const { lines, stream } = lineCapture();
    const logger = pino({ messageKey: 'message' }, stream);
    accessLog(logger, 'GET', '/healthz')({ requestId: 'r', path: '/healthz', status: 200, durationMs: 1 });
    await flushed();
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      pid: process.pid,
      hostname: expect.any(String),
      method: 'GET',
      route: '/healthz',
      requestId: 'r',
      message: 'request',
    });
  });

  it('writes nothing when the level is above info', async () => {
    const { lines, stream } = lineCapture();
    accessLog(createLogger({ log: { level: 'warn' } }, stream), 'GET', '/healthz')({ requestId: 'r', path: '/healthz', status: 200, durationMs: 1 });
    await flushed();
    expect(lines).toEqual([]);
  });
});
