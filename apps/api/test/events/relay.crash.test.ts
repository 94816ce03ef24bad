import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { processTestTimeouts, tsxLoader } from '../support/apiProcess.js';
import { relayContext, relayUntilDrained, streamedEvents, timesPublished, writeChargedEvents } from '../support/relayFixture.js';

vi.setConfig(processTestTimeouts);

const dyingRelay = fileURLToPath(new URL('../support/dyingRelay.ts', import.meta.url));
const EVENTS = 500;
const BATCH = 200;

describe('a relay process killed between appending a batch and marking it loses nothing (at least once)', () => {
  let database: TestDatabase;
  let redis: TestRedis;

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await createTestRedis();
  });
  afterAll(() => Promise.allSettled([database.destroy(), redis.destroy()]));

  it('the next relay publishes the killed batch again and the rest once: every event reaches the stream', async () => {
    await writeChargedEvents(database.db, EVENTS, 50);
    const child = spawn(process.execPath, ['--conditions=@concert/source', '--import', tsxLoader, dyingRelay], {
      env: { ...process.env, ...redis.settings, DATABASE_URL: database.url, KEY_PREFIX: redis.keyPrefix, BATCH: String(BATCH) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('appended') && resolve()));
    expect(await streamedEvents(redis.redis, redis.keyPrefix)).toHaveLength(BATCH);
    child.kill('SIGKILL');
    await exited;

    // The dead relay's transaction rolls back with its connection: its batch is unpublished again.
    await relayUntilDrained(relayContext(database.db, redis.redis, redis.keyPrefix));
    const times = timesPublished(await streamedEvents(redis.redis, redis.keyPrefix));
    expect(times.size).toBe(EVENTS);
    expect([...times.values()].filter((n) => n === 2)).toHaveLength(BATCH);
    expect([...times.values()].filter((n) => n === 1)).toHaveLength(EVENTS - BATCH);
    expect((await relayContext(database.db, redis.redis, redis.keyPrefix).outbox.backlog()).unpublished).toBe(0);
  });
});
