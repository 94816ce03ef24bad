import { schema } from '@concert/db';
import { createTestDatabase, type TestDatabase } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support.js';

const HOUR_MS = 3_600_000;

describe('concertctl idempotency purge', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(2);
  });
  afterAll(() => database.destroy());

  it('deletes the keys past their TTL and keeps the live ones', async () => {
    const row = (key: string, expiresAt: Date) => ({
      userId: 1,
      route: 'chargeWallet',
      key,
      requestHash: 'h',
      statusCode: 200,
      responseBody: { data: {} },
      createdAt: new Date(expiresAt.getTime() - 24 * HOUR_MS),
      expiresAt,
    });
    await database.db
      .insert(schema.idempotencyKey)
      .values([row('old-1', new Date(Date.now() - HOUR_MS)), row('old-2', new Date(Date.now() - 1)), row('live', new Date(Date.now() + HOUR_MS))]);

    const result = await runCli(['idempotency', 'purge'], { DATABASE_URL: database.url });
    expect(result.stdout).toContain('Deleted 2 expired idempotency keys.');
    expect(result.code).toBe(0);
    const left = await database.db.select({ key: schema.idempotencyKey.key }).from(schema.idempotencyKey);
    expect(left).toEqual([{ key: 'live' }]);
  });
});
