import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Send } from '../src/client.js';
import { schema } from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

// One connection per pool: every transaction below reuses the connection the one before it ended on.
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(1);
});
afterAll(() => database.destroy());

const balanceOf = async (userId: number) => {
  const [row] = await database.db.select().from(schema.wallet).where(eq(schema.wallet.userId, userId));
  return row?.balance;
};

describe('transaction (no BEGIN: the connection opens the next transaction itself)', () => {
  it('commits the work when it resolves, visible to every other connection', async () => {
    await database.transaction(async (tx) => {
      await tx.insert(schema.wallet).values({ userId: 1, balance: 100 });
      await tx.update(schema.wallet).set({ balance: 150 }).where(eq(schema.wallet.userId, 1));
    });
    expect(await balanceOf(1)).toBe(150);
  });

  it('rolls every statement back when the work throws, and the next transaction starts clean', async () => {
    await expect(
      database.transaction(async (tx) => {
        await tx.insert(schema.wallet).values({ userId: 2, balance: 100 });
        throw new Error('failed half-way');
      }),
    ).rejects.toThrow('failed half-way');
    expect(await balanceOf(2)).toBeUndefined();

    // Same connection: had the failed one stayed open, this commit would have saved its insert too.
    await database.transaction((tx) => tx.insert(schema.wallet).values({ userId: 3, balance: 5 }));
    expect(await balanceOf(2)).toBeUndefined();
    expect(await balanceOf(3)).toBe(5);
  });

  it('leaves the single statements of `db` committed one by one', async () => {
    await database.db.insert(schema.wallet).values({ userId: 4, balance: 7 });
    // Read through the transaction pool's connection: it sees the row only if the insert committed.
    const [row] = await database.transaction((tx) =>
      tx.select().from(schema.wallet).where(eq(schema.wallet.userId, 4)),
    );
    expect(row?.balance).toBe(7);
  });

  it('sends the writes queued for the commit with it, after every other statement of the transaction', async () => {
    const result = await database.transaction(async (tx, atCommit) => {
      await tx.insert(schema.wallet).values({ userId: 5, balance: 10 });
      atCommit(tx.update(schema.wallet).set({ balance: 20 }).where(eq(schema.wallet.userId, 5)).toSQL());
      // Not sent yet: the transaction still reads its own first write.
      const [row] = await tx.select().from(schema.wallet).where(eq(schema.wallet.userId, 5));
      return row?.balance;
    });
    expect(result).toBe(10);
    expect(await balanceOf(5)).toBe(20);
  });

  it('rolls the whole transaction back when a write queued for the commit fails, and throws its error', async () => {
    await expect(
      database.transaction(async (tx, atCommit) => {
        await tx.insert(schema.wallet).values({ userId: 6, balance: 10 });
        // The same primary key again: fails at the commit's round trip.
        atCommit(tx.insert(schema.wallet).values({ userId: 6, balance: 99 }).toSQL());
      }),
    ).rejects.toMatchObject({ code: 'ER_DUP_ENTRY' });
    expect(await balanceOf(6)).toBeUndefined();
    // The connection is clean for the next transaction.
    await database.transaction((tx) => tx.insert(schema.wallet).values({ userId: 7, balance: 1 }));
    expect([await balanceOf(6), await balanceOf(7)]).toEqual([undefined, 1]);
  });
});

describe('send (writes of one turn share a round trip)', () => {
  const walletOf = (tx: Parameters<Parameters<TestDatabase['transaction']>[0]>[0], userId: number, balance: number) =>
    tx.insert(schema.wallet).values({ userId, balance }).toSQL();

  it('answers each write sent together with its own result, in the order they were sent', async () => {
    const [first, raised, second] = await database.transaction((tx, _atCommit, send) =>
      Promise.all([
        send(walletOf(tx, 10, 1)),
        // Runs after the insert above: it finds the new row.
        send(tx.update(schema.wallet).set({ balance: 2 }).where(eq(schema.wallet.userId, 10)).toSQL()),
        send(walletOf(tx, 11, 3)),
      ]),
    );
    expect(raised?.affectedRows).toBe(1);
    expect(Number(second?.insertId)).toBe(Number(first?.insertId) + 1);
    expect([await balanceOf(10), await balanceOf(11)]).toEqual([2, 3]);
  });

  it('rejects every write of a batch with the first failure, and the transaction rolls back', async () => {
    const answers = await database
      .transaction((tx, _atCommit, send) =>
        Promise.allSettled([send(walletOf(tx, 12, 1)), send(walletOf(tx, 12, 2)), send(walletOf(tx, 13, 3))]),
      )
      .catch((error: unknown) => error);
    expect(answers).toMatchObject({ code: 'ER_DUP_ENTRY' });
    expect([await balanceOf(12), await balanceOf(13)]).toEqual([undefined, undefined]);
  });

  it('commits only after a write nobody awaited is answered, and not at all if it failed', async () => {
    await database.transaction(async (tx, _atCommit, send) => {
      void send(walletOf(tx, 14, 4));
    });
    expect(await balanceOf(14)).toBe(4);

    const ignoring = () => undefined;
    await expect(
      database.transaction(async (tx, _atCommit, send) => {
        send(walletOf(tx, 15, 5)).catch(ignoring);
        send(walletOf(tx, 15, 6)).catch(ignoring);
      }),
    ).rejects.toMatchObject({ code: 'ER_DUP_ENTRY' });
    expect(await balanceOf(15)).toBeUndefined();
  });

  it('waits for what a work sent before it threw, even a work that throws before returning a promise', async () => {
    const sendsThenThrows = (tx: Parameters<Parameters<TestDatabase['transaction']>[0]>[0], send: Send) => {
      send(walletOf(tx, 16, 6)).catch(() => undefined);
      throw new Error('thrown at once');
    };
    await expect(database.transaction((tx, _atCommit, send) => sendsThenThrows(tx, send))).rejects.toThrow('thrown at once');
    // Same connection: had the write arrived after the rollback, this commit would have saved it.
    await database.transaction((tx) => tx.insert(schema.wallet).values({ userId: 17, balance: 7 }));
    expect([await balanceOf(16), await balanceOf(17)]).toEqual([undefined, 7]);
  });

  it('refuses a write sent after the transaction ended', async () => {
    let late: Send | undefined;
    const tx = await database.transaction(async (tx, _atCommit, send) => {
      late = send;
      return tx;
    });
    await expect(late?.(walletOf(tx, 18, 8))).rejects.toThrow('after the transaction ended');
    expect(await balanceOf(18)).toBeUndefined();
  });
});

describe('atomically (one transaction in one round trip, the COMMIT included)', () => {
  const walletOf = (userId: number, balance: number) =>
    database.db.insert(schema.wallet).values({ userId, balance }).toSQL();
  const setBalance = (userId: number, balance: number) =>
    database.db.update(schema.wallet).set({ balance }).where(eq(schema.wallet.userId, userId)).toSQL();

  it('commits every statement and answers each one its own result, in order', async () => {
    const answers = (await database.atomically([walletOf(20, 1), setBalance(20, 2), setBalance(99, 3)])) as Array<{
      affectedRows: number;
    }>;
    // One answer per statement (the COMMIT's is not among them); the last matched no wallet.
    expect(answers.map((answer) => answer.affectedRows)).toEqual([1, 1, 0]);
    expect(await balanceOf(20)).toBe(2);
  });

  it('commits none of them when one fails, throws its error, and leaves the connection clean', async () => {
    await expect(database.atomically([walletOf(21, 1), setBalance(21, 5), walletOf(21, 9)])).rejects.toMatchObject({
      code: 'ER_DUP_ENTRY',
    });
    expect(await balanceOf(21)).toBeUndefined();
    // Same connection: had the failed one stayed open, this commit would have saved its first insert.
    await database.atomically([walletOf(22, 4)]);
    expect([await balanceOf(21), await balanceOf(22)]).toEqual([undefined, 4]);
  });

  it('commits none of them even in a session whose autocommit was turned back on', async () => {
    // The one transaction connection leaves this with autocommit on, as a proxy's session reset would.
    await database.transaction((tx) => tx.execute(sql`SET autocommit = 1`));
    try {
      await expect(database.atomically([walletOf(23, 1), walletOf(23, 2)])).rejects.toMatchObject({ code: 'ER_DUP_ENTRY' });
      expect(await balanceOf(23)).toBeUndefined();
    } finally {
      await database.transaction((tx) => tx.execute(sql`SET autocommit = 0`));
    }
  });
});
