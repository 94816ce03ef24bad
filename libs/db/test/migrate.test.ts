import { randomBytes } from 'node:crypto';
import { createTestDatabase, testServerUrl } from '../src/testing/index.js';
import type { RowDataPacket } from 'mysql2';
import { createConnection } from 'mysql2/promise';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDatabase, migrateDatabase } from '../src/index.js';

const expectedTables = [
  'concert',
  'concert_event',
  'idempotency_key',
  'occupation',
  'outbox_event',
  'payment',
  'refund',
  'reservation',
  'seat',
  'seat_allocation',
  'user_event_lock',
  'wallet',
  'wallet_ledger',
  'webhook_attempt',
  'webhook_delivery',
  'webhook_endpoint',
];

function urlFor(name: string) {
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

describe('migrateDatabase', () => {
  it('creates a missing database, and is safe to run again and from several processes at once', async () => {
    const name = `concert_migrate_${randomBytes(4).toString('hex')}`;
    const url = urlFor(name);
    await Promise.all([migrateDatabase(url), migrateDatabase(url), migrateDatabase(url)]);
    await migrateDatabase(url);
    const handle = createDatabase(url, 1);
    try {
      const [rows] = await handle.pool.query<Array<{ TABLE_NAME: string } & RowDataPacket>>(
        'SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME',
        [name],
      );
      expect(rows.map((row) => row.TABLE_NAME).filter((table) => !table.startsWith('__'))).toEqual(expectedTables);
      const [applied] = await handle.pool.query<Array<{ count: number } & RowDataPacket>>(
        'SELECT COUNT(*) AS count FROM __drizzle_migrations',
      );
      expect(Number(applied[0]?.count)).toBeGreaterThan(0);
    } finally {
      await handle.pool.query(`DROP DATABASE \`${name}\``);
      await handle.close();
    }
  });

  it('refuses a database name it would have to quote', async () => {
    await expect(migrateDatabase(urlFor('bad-name;drop'))).rejects.toThrow(/letters, digits and _/);
  });
});

describe('connection time zone', () => {
  it('stores and reads instants as UTC with milliseconds', async () => {
    const database = await createTestDatabase(2);
    try {
      const instant = new Date('2031-05-06T07:08:09.123Z');
      await database.pool.query(
        'INSERT INTO concert_event (concert_id, venue, start_at, duration, reservation_start_at, reservation_end_at, max_seat_count) VALUES (1, ?, ?, 1, ?, ?, 1)',
        ['v', instant, instant, instant],
      );
      const [rows] = await database.pool.query<Array<{ start_at: Date; raw: string } & RowDataPacket>>(
        'SELECT start_at, CAST(start_at AS CHAR) AS raw FROM concert_event',
      );
      expect(rows[0]?.start_at.toISOString()).toBe('2031-05-06T07:08:09.123Z');
      expect(rows[0]?.raw).toBe('2031-05-06 07:08:09.123');
      // A server default (created_at) is UTC as well: close to the client's now.
      const [now] = await database.pool.query<Array<{ created: Date } & RowDataPacket>>(
        'SELECT created_at AS created FROM concert_event',
      );
      expect(Math.abs((now[0]?.created.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    } finally {
      await database.destroy();
    }
  });
});

describe('transactions on pooled connections', () => {
  it('see what others commit meanwhile (READ COMMITTED), which the booking limit relies on', async () => {
    const database = await createTestDatabase(2);
    const other = await createConnection({ uri: database.url });
    try {
      await database.pool.query('INSERT INTO wallet (user_id, balance) VALUES (1, 100)');
      const readTwice = (meanwhile: number) =>
        database.db.transaction(async (tx) => {
          const read = async () => {
            const [rows] = (await tx.execute(sql`SELECT balance FROM wallet WHERE user_id = 1`)) as unknown as [Array<{ balance: number }>];
            return Number(rows[0]?.balance);
          };
          const before = await read();
          await other.query('UPDATE wallet SET balance = ? WHERE user_id = 1', [meanwhile]);
          return [before, await read()];
        });
      // Under REPEATABLE READ (the server's default) the second read would repeat the first. The
      // second transaction runs on the same connection (the pool has one): it keeps the level.
      expect(await readTwice(250)).toEqual([100, 250]);
      expect(await readTwice(300)).toEqual([250, 300]);
    } finally {
      await other.end();
      await database.destroy();
    }
  });
});

describe('error classification', () => {
  it('recognises a duplicate key and a lock wait on this server', async () => {
    const { isDuplicateKey, isLockWaitTimeout } = await import('../src/index.js');
    const database = await createTestDatabase(2);
    const other = await createConnection({ uri: database.url });
    try {
      await database.pool.query('INSERT INTO wallet (user_id, balance) VALUES (1, 0)');
      const duplicate = await database.pool.query('INSERT INTO wallet (user_id, balance) VALUES (1, 0)').catch((e: unknown) => e);
      expect(isDuplicateKey(duplicate)).toBe(true);

      const holder = await database.pool.getConnection();
      await holder.beginTransaction();
      await holder.query('SELECT * FROM wallet WHERE user_id = 1 FOR UPDATE');
      await other.beginTransaction();
      const wait = await other.query('SELECT * FROM wallet WHERE user_id = 1 FOR UPDATE NOWAIT').catch((e: unknown) => e);
      expect(isLockWaitTimeout(wait)).toBe(true);
      await holder.rollback();
      holder.release();
    } finally {
      await other.end();
      await database.destroy();
    }
  });
});
