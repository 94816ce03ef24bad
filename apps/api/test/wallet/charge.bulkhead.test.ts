import { schema } from '@concert/db';
import { noSeatChangeFeed } from '@concert/domain';
import { uniqueUserId } from '@concert/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/deps.js';
import { walletServices } from '../../src/wiring/wallet.js';
import { booksOf, recordingReleaser } from '../support/walletBooks.js';
import { createTestApp, type TestApp } from '../support/testApp.js';

const SLOTS = 2;
const CHARGES = 6;

describe('the charge bulkhead (WALLET_CHARGE_CONCURRENCY)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Batches of one: every charge is a transaction of its own, so each one that reaches the
    // database is one lock wait below.
    t = await createTestApp({ WALLET_CHARGE_CONCURRENCY: String(SLOTS), WALLET_CHARGE_BATCH_SIZE: '1' });
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

  /** Six charges of one wallet while its row is locked: how many reach the database, and the books after. */
  async function chargesAgainstALockedWallet(deps: AppDeps) {
    const services = walletServices(deps, recordingReleaser(), noSeatChangeFeed);
    const userId = uniqueUserId();
    await services.charge({ userId, amount: 1 });
    const charges: Array<Promise<unknown>> = [];
    let waiting = 0;
    await t.database.db.transaction(async (tx) => {
      await tx.select().from(schema.wallet).where(eq(schema.wallet.userId, userId)).for('update');
      for (let index = 0; index < CHARGES; index++) charges.push(services.charge({ userId, amount: 10 }));
      await until(async () => (await lockWaits()) >= SLOTS);
      // Time for any charge the bulkhead let through to reach its lock wait too.
      await new Promise((resolve) => setTimeout(resolve, 300));
      waiting = await lockWaits();
    });
    await Promise.all(charges);
    return { waiting, books: await booksOf(t.database.db, userId) };
  }

  it('lets only its slots of charges reach the database at once, and completes every one', async () => {
    const { waiting, books } = await chargesAgainstALockedWallet(t.deps);
    // The other four never left the API.
    expect(waiting).toBe(SLOTS);
    expect(books).toMatchObject({ balance: 61, ledgerSum: 61, ledgerRows: 7 });
  });

  it('control: with a slot per charge, all six wait in the database', async () => {
    const wallet = { ...t.deps.config.wallet, chargeConcurrency: CHARGES };
    const { waiting, books } = await chargesAgainstALockedWallet({ ...t.deps, config: { ...t.deps.config, wallet } });
    expect(waiting).toBe(CHARGES);
    expect(books).toMatchObject({ balance: 61, ledgerSum: 61, ledgerRows: 7 });
  });
});
