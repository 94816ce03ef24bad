import { createWalletStore, schema } from '@concert/db';
import { noSeatChangeFeed, isDomainError } from '@concert/domain';
import { uniqueUserId } from '@concert/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walletServices, type WalletServices } from '../../src/wiring/wallet.js';
import { barrier } from '../support/barrier.js';
import { booksOf, recordingReleaser } from '../support/walletBooks.js';
import { createTestApp, type TestApp } from '../support/testApp.js';

const RACERS = 8; // below the test pool's 10 transaction connections, so every racer holds a transaction at once

describe('charging under contention (real MariaDB, real races)', () => {
  let t: TestApp;
  let services: WalletServices;
  beforeAll(async () => {
    // No bulkhead in the way (wiring/wallet.ts): every charge below reaches the database at once.
    t = await createTestApp({ WALLET_MAX_BALANCE: '10000', WALLET_CHARGE_CONCURRENCY: '100' });
    services = walletServices(t.deps, recordingReleaser(), noSeatChangeFeed);
  });
  afterAll(() => t.destroy());

  it('30 concurrent first charges of a new user create one wallet and keep every increment', async () => {
    const userId = uniqueUserId();
    const answers = await Promise.all(Array.from({ length: 30 }, () => services.charge({ userId, amount: 100 })));
    expect(answers.map((answer) => answer.balance).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, index) => (index + 1) * 100),
    );
    const wallets = await t.database.db.select().from(schema.wallet).where(eq(schema.wallet.userId, userId));
    expect(wallets).toHaveLength(1);
    expect(await booksOf(t.database.db, userId)).toMatchObject({ balance: 3_000, ledgerSum: 3_000, ledgerRows: 30 });
  });

  it('concurrent charges never pass the maximum balance together', async () => {
    const userId = uniqueUserId();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => services.charge({ userId, amount: 1_000 })),
    );
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(refused).toHaveLength(10);
    for (const outcome of refused) expect(isDomainError(outcome.reason) && outcome.reason.code).toBe('balance_limit_exceeded');
    expect(await booksOf(t.database.db, userId)).toMatchObject({ balance: 10_000, ledgerSum: 10_000, ledgerRows: 10 });
  });

  it('control: read-then-write charges racing lose updates; the conditional credit under the same race loses none', async () => {
    const db = t.database.db;
    // A charge per transaction, every racer at once: the conditional credit meets the same race.
    const store = createWalletStore(t.database, { concurrency: RACERS, batchSize: 1 });
    const unguarded = uniqueUserId();
    const guarded = uniqueUserId();
    await db.insert(schema.wallet).values([
      { userId: unguarded, balance: 0 },
      { userId: guarded, balance: 0 },
    ]);

    // Every racer reads the balance, waits until all have read, then writes what it computed.
    const readThenWrite = barrier(RACERS);
    await Promise.all(
      Array.from({ length: RACERS }, () =>
        t.database.db.transaction(async (tx) => {
          const [row] = await tx.select().from(schema.wallet).where(eq(schema.wallet.userId, unguarded));
          await readThenWrite();
          await tx
            .update(schema.wallet)
            .set({ balance: (row?.balance ?? 0) + 100 })
            .where(eq(schema.wallet.userId, unguarded));
        }),
      ),
    );
    const [lost] = await db.select().from(schema.wallet).where(eq(schema.wallet.userId, unguarded));
    expect(lost?.balance).toBeLessThan(RACERS * 100);

    const conditional = barrier(RACERS);
    await Promise.all(
      Array.from({ length: RACERS }, () =>
        conditional().then(() => store.charge({ userId: guarded, amount: 100, maxBalance: 10_000 })),
      ),
    );
    expect((await booksOf(db, guarded)).balance).toBe(RACERS * 100);
  });
});
