import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWalletStore, schema } from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

// One connection per pool: every charge below reuses the statements built by the first one.
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(1);
});
afterAll(() => database.destroy());

const walletRow = async (userId: number) => {
  const [row] = await database.db.select().from(schema.wallet).where(eq(schema.wallet.userId, userId));
  return row;
};

const credit = async (userId: number, amount: number) => {
  const outcome = await createWalletStore(database).charge({ userId, amount, maxBalance: 1_000 });
  return outcome.charged ? outcome.balance : undefined;
};

describe('statements built once and run again (boundStatement)', () => {
  it('runs each time with that call’s values', async () => {
    expect(await credit(1, 100)).toBe(100);
    expect(await credit(2, 30)).toBe(30);
    expect(await credit(1, 5)).toBe(105);
    // The limit is a value too: 105 + 900 passes 1,000.
    expect(await credit(1, 900)).toBeUndefined();
    expect([(await walletRow(1))?.balance, (await walletRow(2))?.balance]).toEqual([105, 30]);
  });

  it('stamps updated_at with the time of each run, not the time the statement was built', async () => {
    await credit(3, 1);
    const first = (await walletRow(3))?.updatedAt;
    await new Promise((resolve) => setTimeout(resolve, 50));
    await credit(3, 1);
    const second = (await walletRow(3))?.updatedAt;
    expect(second?.getTime()).toBeGreaterThan(first?.getTime() ?? Infinity);
  });
});
