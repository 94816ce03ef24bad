import { createServer, type Server } from 'node:net';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnApi } from '../support/apiProcess.js';

describe('starting the API on a port that is taken', () => {
  let database: TestDatabase;
  let redis: TestRedis;
  let taken: Server;
  let port: number;
  beforeAll(async () => {
    [database, redis] = await Promise.all([createTestDatabase(2), createTestRedis()]);
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => {
    await new Promise((resolve) => taken.close(resolve));
    await Promise.all([database.destroy(), redis.destroy()]);
  });

  it('names the port and how to pick another in one line, and exits 1', async () => {
    const api = spawnApi({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      DB_POOL_SIZE: '2',
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: redis.keyPrefix,
      LOG_LEVEL: 'warn',
    });
    expect(await api.exited).toBe(1);
    const { stderr } = api.output();
    expect(stderr.trimEnd().split('\n')).toEqual([
      `concert-api could not start: port ${port} is already in use on 127.0.0.1 (another process listens there). ` +
        `Stop that process, or pick another port with PORT, e.g. \`PORT=${port + 1} npm start\` or PORT=${port + 1} in .env.`,
    ]);
  });
});
