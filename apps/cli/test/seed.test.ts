import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogCache } from '@concert/redis';
import { createTestDatabase, createTestRedis, type TestDatabase } from '@concert/testing';
import type { RowDataPacket } from 'mysql2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './support.js';

describe('concertctl seed', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(2);
  });
  afterEach(() => database.destroy());

  const count = async (sql: string) => {
    const [rows] = await database.pool.query<Array<{ n: number } & RowDataPacket>>(sql);
    return Number(rows[0]?.n);
  };

  it('generates concerts, events and seats and reports the rate', async () => {
    const result = await runCli(['seed', 'generate', '--concerts', '2', '--events', '3', '--seats', '250'], {
      DATABASE_URL: database.url,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Seeded 2 concerts, 6 events, 1500 seats in [\d.]+ s \(\d+ seats\/s\)\./);
    expect(await count('SELECT COUNT(*) AS n FROM seat WHERE is_available = 1')).toBe(1500);
  });

  it("drops the API's cached catalog in every process that listens", async () => {
    const redis = await createTestRedis();
    // One API process's cache, with a memory TTL long enough that only the invalidation can clear it.
    const apiCache = catalogCache(redis.redis, redis.keyPrefix, { memoryTtlMs: 60_000 });
    await apiCache.listen();
    try {
      let loads = 0;
      const listed = () => apiCache.get('concerts', async () => ({ body: String((loads += 1)) }));
      expect((await listed()).body).toBe('1');
      const result = await runCli(['seed', 'generate', '--concerts', '1', '--events', '1', '--seats', '1'], {
        DATABASE_URL: database.url,
        ...redis.settings,
      });
      expect(result.code).toBe(0);
      // The seed has exited, so its message was published; it arrives within the pub/sub delay.
      for (let waited = 0; waited < 1_000 && loads === 1; waited += 20) {
        await listed();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect((await listed()).body).toBe('2');
    } finally {
      await apiCache.close();
      await redis.destroy();
    }
  });

  it('seeds the example file with its price tiers', async () => {
    const example = new URL('../../../docs/seed-file.example.json', import.meta.url).pathname;
    const result = await runCli(['seed', 'file', example], { DATABASE_URL: database.url });
    expect(result.code).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM seat')).toBe(1500);
    expect(await count('SELECT price AS n FROM seat WHERE seat_number = 200 ORDER BY concert_event_id LIMIT 1')).toBe(150000);
    expect(await count('SELECT price AS n FROM seat WHERE seat_number = 201 ORDER BY concert_event_id LIMIT 1')).toBe(90000);
  });

  it('rejects an invalid file naming the field, and writes nothing', async () => {
    const path = join(tmpdir(), `seed-${process.pid}.json`);
    await writeFile(path, JSON.stringify({ concerts: [{ title: 'x', singer: 'y', events: [{ venue: 'v' }] }] }));
    const result = await runCli(['seed', 'file', path], { DATABASE_URL: database.url });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('concerts.0.events.0.startAt');
    expect(await count('SELECT COUNT(*) AS n FROM concert')).toBe(0);
  });

  it('rejects a non-numeric option', async () => {
    const result = await runCli(['seed', 'generate', '--seats', 'many'], { DATABASE_URL: database.url });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("option '--seats <n>' argument 'many' is invalid");
  });
});
