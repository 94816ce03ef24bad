import { schema } from '@concert/db';
import { createTestDatabase, type TestDatabase } from '@concert/testing';
import { describe, expect, it } from 'vitest';
import { runCli } from './support.js';

const HOUR_MS = 3_600_000;

/** A stored answer that expires at `expiresAt`. */
const storedKey = (key: string, expiresAt: Date) => ({
  userId: 1,
  route: 'chargeWallet',
  key,
  requestHash: 'h',
  statusCode: 200,
  responseBody: { data: {} },
  createdAt: new Date(expiresAt.getTime() - 24 * HOUR_MS),
  expiresAt,
});

async function purgeDeletesOnlyExpired(database: TestDatabase) {
  const now = Date.now();
  await database.db
    .insert(schema.idempotencyKey)
    .values([
      storedKey('old-1', new Date(now - HOUR_MS)),
      storedKey('old-2', new Date(now - 1)),
      storedKey('live', new Date(now + HOUR_MS)),
    ]);
  const result = await runCli(['idempotency', 'purge'], { DATABASE_URL: database.url });
  expect(result.stdout).toContain('Deleted 2 expired idempotency keys.');
  expect(result.code).toBe(0);
  const left = await database.db.select({ key: schema.idempotencyKey.key }).from(schema.idempotencyKey);
  expect(left).toEqual([{ key: 'live' }]);
}

describe('concertctl idempotency purge', () => {
  it('deletes the keys past their TTL and keeps the live ones', async () => {
    const database = await createTestDatabase(2);
    try {
      await purgeDeletesOnlyExpired(database);
    } finally {
      await database.destroy();
    }
  });
});
