import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { createDatabase } from '@concert/db';
import { systemClock } from '@concert/domain';
import { createTestRedis, testConfig, type TestRedis } from '@concert/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createMetrics } from '../../src/observability/metrics.js';

/** An app whose MySQL is at `url` (nobody there), with its log lines kept. */
function appWithDatabaseAt(url: string, redis: TestRedis) {
  const lines: Array<{ level: number; msg: string; code?: string }> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
      done();
    },
  });
  const config = testConfig({ DATABASE_URL: url, REDIS_KEY_PREFIX: redis.keyPrefix });
  const database = createDatabase(url, 2);
  const { app } = createApp({ config, logger: pino(sink), metrics: createMetrics(), database, redis: redis.redis, clock: systemClock });
  return { app, lines, database };
}

type ErrorAnswer = { error: { code: string; message: string } };

describe('MySQL out of reach answers 503 database_unavailable', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await createTestRedis();
  });
  afterAll(() => redis.destroy());

  it('when the connection is refused: every kind of call, with Retry-After, a warning and no stack', async () => {
    // Port 1 on loopback: nothing listens there, so connecting is refused at once.
    const { app, lines, database } = appWithDatabaseAt('mysql://root@127.0.0.1:1/concert', redis);
    try {
      const calls = [
        app.request('/api/v1/users/5/wallet'),
        app.request('/api/v1/users/5/wallet/charge', {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json' },
          body: '{"amount":10}',
        }),
        app.request('/api/v1/concerts'),
      ];
      for (const response of await Promise.all(calls)) {
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBe('2');
        expect(((await response.json()) as ErrorAnswer).error.code).toBe('database_unavailable');
      }
      const ready = await app.request('/readyz');
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as ErrorAnswer).error.message).toBe('MySQL unavailable.');

      const outages = lines.filter((line) => line.msg === 'database unavailable');
      expect(outages.length).toBeGreaterThanOrEqual(3);
      // pino's warn level; nothing logged as an unhandled error, nothing at error level.
      expect(outages.every((line) => line.level === 40 && line.code === 'ECONNREFUSED')).toBe(true);
      expect(lines.filter((line) => line.level >= 50)).toEqual([]);
    } finally {
      await database.close();
    }
  });

  describe('when the server accepts but never answers', () => {
    let silent: Server;
    const sockets: Socket[] = [];
    beforeAll(async () => {
      // Takes connections and says nothing: MySQL's greeting never comes, so the connect times out.
      silent = createServer((socket) => void sockets.push(socket)).listen(0, '127.0.0.1');
      await once(silent, 'listening');
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    });

    it('answers 503 once the connect timeout passes, not a 500 and not a hang', async () => {
      const port = (silent.address() as { port: number }).port;
      const { app, database } = appWithDatabaseAt(`mysql://root@127.0.0.1:${port}/concert`, redis);
      try {
        const started = Date.now();
        const response = await app.request('/api/v1/users/5/payments');
        expect(response.status).toBe(503);
        expect(((await response.json()) as ErrorAnswer).error.code).toBe('database_unavailable');
        expect(Date.now() - started).toBeLessThan(10_000);
      } finally {
        await database.close();
      }
    }, 20_000);
  });
});
