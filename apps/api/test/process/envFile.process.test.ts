import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, spawnApi, untilReady } from '../support/apiProcess.js';

describe('the API started beside a .env file', () => {
  let database: TestDatabase;
  let redis: TestRedis;
  let directory: string;
  let port: number;
  beforeAll(async () => {
    [database, redis] = await Promise.all([createTestDatabase(2), createTestRedis()]);
    directory = await mkdtemp(join(tmpdir(), 'concert-api-env-'));
    port = await freePort();
    const settings = {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      DB_POOL_SIZE: '2',
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: redis.keyPrefix,
      LOG_LEVEL: 'warn',
    };
    await writeFile(join(directory, '.env'), Object.entries(settings).map(([name, value]) => `${name}=${value}\n`).join(''));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
    await Promise.all([database.destroy(), redis.destroy()]);
  });

  // Empty in the environment counts as unset, so each setting comes from the file even where the
  // shell running the tests exported its own.
  const fromTheFile = { PORT: '', HOST: '', DATABASE_URL: '', DB_POOL_SIZE: '', REDIS_URL: '', REDIS_KEY_PREFIX: '', LOG_LEVEL: '' };

  /** Starts the API in the .env's directory, waits until it serves, and stops it: what did it log? */
  async function logOfARun(environment: Record<string, string>): Promise<string> {
    const api = spawnApi({ ...fromTheFile, ...environment }, directory);
    try {
      await untilReady(api, `http://127.0.0.1:${port}`);
    } finally {
      await api.stop();
    }
    return api.output().stdout;
  }

  it('takes its settings from the file: it serves on its port and database, and logs at its level', async () => {
    const log = await logOfARun({});
    expect(log).not.toContain('"msg":"listening"');
  });

  it('lets a variable of the real environment win over the file', async () => {
    const log = await logOfARun({ LOG_LEVEL: 'info' });
    expect(log).toContain(`"port":${port}`);
    expect(log).toContain('"msg":"listening"');
  });
});
