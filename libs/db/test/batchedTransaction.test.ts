import { eq, sql } from 'drizzle-orm';
import { MySqlDialect } from 'drizzle-orm/mysql-core';
import type { ResultSetHeader } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchedTransaction } from '../src/batchedTransaction.js';
import { schema, withTransaction } from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

// One connection per pool: every transaction below reuses the connection the one before it ended on.
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(2);
});
afterAll(() => database.destroy());

const balanceOf = async (userId: number) => {
  const [row] = await database.db.select().from(schema.wallet).where(eq(schema.wallet.userId, userId));
  return row?.balance;
};
const walletOf = (userId: number, balance: number) => database.db.insert(schema.wallet).values({ userId, balance }).toSQL();
const setBalance = (userId: number, balance: number) =>
  database.db.update(schema.wallet).set({ balance }).where(eq(schema.wallet.userId, userId)).toSQL();
const changed = (results: unknown[]) => results.map((result) => (result as ResultSetHeader).affectedRows);

describe('batchedTransaction (several statements per round trip)', () => {
  it('answers each statement its own result, in order, and commits them together', async () => {
    const answers = await batchedTransaction(database.batchPool, async (batches) => {
      const first = await batches.send([walletOf(20, 1), setBalance(20, 2)]);
      const last = await batches.commit([setBalance(99, 3)]);
      return [...first, ...last];
    });
    // One answer per statement (neither START TRANSACTION's nor COMMIT's is among them); the last matched no wallet.
    expect(changed(answers)).toEqual([1, 1, 0]);
    expect(await balanceOf(20)).toBe(2);
  });

  it('commits what was sent when the work returns without committing', async () => {
    await batchedTransaction(database.batchPool, (batches) => batches.send([walletOf(21, 4)]));
    expect(await balanceOf(21)).toBe(4);
  });

  it('commits nothing when a statement fails, throws its error, and leaves the connection clean', async () => {
    await expect(
      batchedTransaction(database.batchPool, (batches) => batches.commit([walletOf(22, 1), setBalance(22, 5), walletOf(22, 9)])),
    ).rejects.toMatchObject({ code: 'ER_DUP_ENTRY' });
    expect(await balanceOf(22)).toBeUndefined();
    // Same connection: had the failed one stayed open, this commit would have saved its first insert.
    await batchedTransaction(database.batchPool, (batches) => batches.commit([walletOf(23, 4)]));
    expect([await balanceOf(22), await balanceOf(23)]).toEqual([undefined, 4]);
  });

  it('rolls back every batch sent when the work throws between them', async () => {
    await expect(
      batchedTransaction(database.batchPool, async (batches) => {
        await batches.send([walletOf(24, 1)]);
        throw new Error('refused half-way');
      }),
    ).rejects.toThrow('refused half-way');
    expect(await balanceOf(24)).toBeUndefined();
  });

  it('sends values as values: a quote or a backslash in one never ends its string', async () => {
    const tricky = "it's \\'; DELETE FROM wallet; -- a trap";
    const [rows] = await batchedTransaction(database.batchPool, (batches) =>
      batches.send([new MySqlDialect().sqlToQuery(sql`SELECT ${tricky} AS value`)]),
    );
    expect(rows).toEqual([{ value: tricky }]);
  });
});

describe('withTransaction', () => {
  it('runs inside an outer transaction when given one: its writes roll back with the outer', async () => {
    await expect(
      database.db.transaction(async (outer) => {
        await withTransaction(outer, (tx) => tx.insert(schema.wallet).values({ userId: 30, balance: 1 }));
        throw new Error('the outer work failed');
      }),
    ).rejects.toThrow('the outer work failed');
    expect(await balanceOf(30)).toBeUndefined();
  });

  it('opens its own transaction on the database, committed when the work resolves', async () => {
    await withTransaction(database.db, (tx) => tx.insert(schema.wallet).values({ userId: 31, balance: 2 }));
    expect(await balanceOf(31)).toBe(2);
  });
});
