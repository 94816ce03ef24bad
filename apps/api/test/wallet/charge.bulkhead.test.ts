import { schema } from '@concert/db';
import { uniqueUserId } from '@concert/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walletServices, type WalletServices } from '../../src/wiring/wallet.js';
import { booksOf, recordingReleaser } from '../support/walletBooks.js';
import { createTestApp, type TestApp } from '../support/testApp.js';

const SLOTS = 2;

describe('the charge bulkhead (WALLET_CHARGE_CONCURRENCY)', () => {
  let t: TestApp;
  let services: WalletServices;
  beforeAll(async () => {
    t = await createTestApp({ WALLET_CHARGE_CONCURRENCY: String(SLOTS) });
    services = walletServices(t.deps, recordingReleaser());
  });
  afterAll(() => t.destroy());

  /**
   * Statements of this test's database waiting for a row lock (other test files run beside it).
   * InnoDB refreshes this table only when it was not read in the last 0.1 s: polled less often.
   */
  const lockWaits = async () => {
    const [rows] = await t.database.pool.query(
      `SELECT COUNT(*) AS waits FROM information_schema.innodb_trx AS trx
         JOIN information_schema.processlist AS connection ON connection.id = trx.trx_mysql_thread_id
       WHERE trx.trx_state = 'LOCK WAIT' AND connection.db = DATABASE()`,
    );
    return Number((rows as Array<{ waits: number }>)[0]?.waits ?? 0);
  };
  const until = async (check: () => Promise<boolean>) => {
    for (const deadline = Date.now() + 5_000; !(await check()); ) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  };

  it('lets only its slots of charges reach the database at once, and completes every one', async () => {
    const userId = uniqueUserId();
    await services.charge({ userId, amount: 1 });
    // Wired a second time, as another route module does: the app still has one bulkhead.
    const elsewhere = walletServices(t.deps, recordingReleaser());
    const charges: Array<Promise<unknown>> = [];
    // Hold the wallet's row lock: every charge that reaches the database waits on it, visibly.
    await t.database.transaction(async (tx) => {
      await tx.select().from(schema.wallet).where(eq(schema.wallet.userId, userId)).for('update');
      for (let index = 0; index < 6; index++) charges.push((index % 2 ? elsewhere : services).charge({ userId, amount: 10 }));
      await until(async () => (await lockWaits()) >= SLOTS);
      // Without the bulkhead all six would be waiting by now; with it, the other four never left the API.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await lockWaits()).toBe(SLOTS);
    });
    await Promise.all(charges);
    expect(await booksOf(t.database.db, userId)).toMatchObject({ balance: 61, ledgerSum: 61, ledgerRows: 7 });
  });
});
