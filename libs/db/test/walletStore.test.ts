import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pool, PoolConnection } from 'mysql2/promise';
import { createWalletStore, schema, type ChargeSettings } from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

// One connection per pool: every charge below runs on the connection the one before it used, so a
// value one charge leaves behind on the connection is there for the next.
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(1);
});
afterAll(() => database.destroy());

const booksOf = async (userId: number) => {
  const [wallet] = await database.db.select().from(schema.wallet).where(eq(schema.wallet.userId, userId));
  const ledger = await database.db.select().from(schema.walletLedger).where(eq(schema.walletLedger.userId, userId));
  return { balance: wallet?.balance, ledger: ledger.map(({ amount, balanceAfter, reason }) => ({ amount, balanceAfter, reason })) };
};

const defaults: ChargeSettings = { concurrency: 1, batchSize: 50 };

/** The batch pool, with each connection taken out passed through `wrap`. */
const batchPoolWith = (wrap: (connection: PoolConnection) => PoolConnection) =>
  ({ getConnection: async () => wrap(await database.batchPool.getConnection()) }) as unknown as Pool;

/** A store over the test database that counts the transactions (connections taken) its charges send. */
function countingTransactions(settings: Partial<ChargeSettings> = {}) {
  let count = 0;
  const batchPool = batchPoolWith((connection) => {
    count++;
    return connection;
  });
  const store = createWalletStore({ ...database, batchPool }, { ...defaults, ...settings });
  return { store, transactions: () => count };
}

/** The balance a keyless charge left, or undefined when it was refused. */
const charged = async (store: ReturnType<typeof createWalletStore>, credit: { userId: number; amount: number; maxBalance: number }) => {
  const outcome = await store.charge(credit);
  return outcome.charged ? outcome.balance : undefined;
};

describe('WalletStore.charge (one atomic round trip per batch)', () => {
  it('creates a missing wallet, credits it, and writes one entry with the balance it left', async () => {
    const store = createWalletStore(database);
    expect(await charged(store, { userId: 1, amount: 300, maxBalance: 1_000 })).toBe(300);
    expect(await charged(store, { userId: 1, amount: 200, maxBalance: 1_000 })).toBe(500);
    expect(await booksOf(1)).toEqual({
      balance: 500,
      ledger: [
        { amount: 300, balanceAfter: 300, reason: 'CHARGE' },
        { amount: 200, balanceAfter: 500, reason: 'CHARGE' },
      ],
    });
  });

  it('refuses a first charge past the maximum: an empty wallet, no entry', async () => {
    const store = createWalletStore(database);
    // The upsert that creates the wallet leaves the new row's id where the credit reports its balance.
    expect(await charged(store, { userId: 2, amount: 20, maxBalance: 10 })).toBeUndefined();
    expect(await booksOf(2)).toEqual({ balance: 0, ledger: [] });
  });

  it('refuses a charge right after an accepted one on the same connection, writing no entry', async () => {
    const store = createWalletStore(database);
    expect(await charged(store, { userId: 3, amount: 900, maxBalance: 1_000 })).toBe(900);
    // The accepted charge left its balance on the connection; the refused one must not read it as its own.
    expect(await charged(store, { userId: 3, amount: 200, maxBalance: 1_000 })).toBeUndefined();
    expect(await booksOf(3)).toEqual({ balance: 900, ledger: [{ amount: 900, balanceAfter: 900, reason: 'CHARGE' }] });
  });

  it('refuses an amount below 1 before anything is written', async () => {
    const store = createWalletStore(database);
    await expect(charged(store, { userId: 4, amount: 0, maxBalance: 1_000 })).rejects.toThrow(RangeError);
    expect(await booksOf(4)).toEqual({ balance: undefined, ledger: [] });
  });

  it('sends a burst of charges as one transaction, each answered with its own wallet', async () => {
    const { store, transactions } = countingTransactions();
    const balances = await Promise.all([
      charged(store, { userId: 12, amount: 100, maxBalance: 1_000 }),
      charged(store, { userId: 11, amount: 200, maxBalance: 1_000 }),
      charged(store, { userId: 12, amount: 50, maxBalance: 1_000 }),
      charged(store, { userId: 11, amount: 900, maxBalance: 1_000 }),
    ]);
    expect(transactions()).toBe(1);
    // User 11's second charge would pass the maximum: refused, and it takes nothing from the others.
    expect(balances).toEqual([100, 200, 150, undefined]);
    expect(await booksOf(11)).toEqual({ balance: 200, ledger: [{ amount: 200, balanceAfter: 200, reason: 'CHARGE' }] });
    expect((await booksOf(12)).balance).toBe(150);
  });

  it('sends no more charges in one transaction than the batch size', async () => {
    const { store, transactions } = countingTransactions({ batchSize: 2 });
    const charges = [41, 42, 43, 44, 45].map((userId) => charged(store, { userId, amount: 10, maxBalance: 1_000 }));
    expect(await Promise.all(charges)).toEqual([10, 10, 10, 10, 10]);
    expect(transactions()).toBe(3);
  });

  it('fails only the charge the database rejects when it shares a batch with others', async () => {
    const { store, transactions } = countingTransactions();
    // A negative user id breaks the unsigned column: the whole batch rolls back, the others go again alone.
    const outcomes = await Promise.allSettled([
      charged(store, { userId: 21, amount: 100, maxBalance: 1_000 }),
      charged(store, { userId: -1, amount: 100, maxBalance: 1_000 }),
      charged(store, { userId: 22, amount: 100, maxBalance: 1_000 }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // The batch of three, refused as a whole, then each of them alone.
    expect(transactions()).toBe(4);
    expect(await booksOf(21)).toEqual({ balance: 100, ledger: [{ amount: 100, balanceAfter: 100, reason: 'CHARGE' }] });
    expect(await booksOf(22)).toEqual({ balance: 100, ledger: [{ amount: 100, balanceAfter: 100, reason: 'CHARGE' }] });
  });

  it('never charges a batch again when its connection was lost after the commit', async () => {
    // The commit happens, then the answer is lost with the connection.
    const batchPool = batchPoolWith((connection) =>
      Object.assign(Object.create(connection) as PoolConnection, {
        query: async (...args: Parameters<PoolConnection['query']>) => {
          await connection.query(...args);
          throw Object.assign(new Error('Connection lost: The server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST', fatal: true });
        },
      }),
    );
    const store = createWalletStore({ ...database, batchPool });
    const outcomes = await Promise.allSettled([
      charged(store, { userId: 31, amount: 100, maxBalance: 1_000 }),
      charged(store, { userId: 32, amount: 100, maxBalance: 1_000 }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    // The outcome was unknown to the API, so it reported a failure; it must not have credited again.
    expect(await booksOf(31)).toEqual({ balance: 100, ledger: [{ amount: 100, balanceAfter: 100, reason: 'CHARGE' }] });
    expect(await booksOf(32)).toEqual({ balance: 100, ledger: [{ amount: 100, balanceAfter: 100, reason: 'CHARGE' }] });
  });
});
