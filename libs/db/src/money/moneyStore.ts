import type { MoneyStore } from '@concert/domain';
import { desc, eq } from 'drizzle-orm';
import pLimit from 'p-limit';
import type { DatabaseHandle } from '../client.js';
import { retryingTransient } from '../errors.js';
import { payment, wallet } from '../schema/index.js';
import type { Slot } from '../writeBatches.js';
import { keylessCharges } from './keylessCharges.js';
import { findPayment, moneyTransaction, paymentColumns } from './moneyTransaction.js';
import { walletUpsert } from './walletUpsert.js';

export interface MoneyStoreOptions {
  /**
   * Bounds the turns of keyless charges: each turn sends every charge waiting then as one
   * transaction. The API passes its charge bulkhead, which its keyed charges share. By default one
   * turn at a time, for this store alone.
   */
  chargeSlot?: Slot;
  /**
   * The most charges one turn sends. A batch holds its wallets' row locks until it commits, and its
   * size bounds how fast a rush of top-ups reaches the database. By default 50.
   */
  chargeBatchSize?: number;
}

export function createMoneyStore(
  handle: DatabaseHandle,
  { chargeSlot = pLimit(1), chargeBatchSize = 50 }: MoneyStoreOptions = {},
): MoneyStore {
  const { db, transaction } = handle;
  const charge = keylessCharges(handle, { slot: chargeSlot, maxBatch: chargeBatchSize });
  return {
    async openWallet(userId) {
      await walletUpsert(db, { userId });
    },

    charge(values) {
      // The ledger's condition reads "a balance above 0": only a credit of at least 1 guarantees it.
      if (!Number.isSafeInteger(values.amount) || values.amount < 1) {
        return Promise.reject(new RangeError(`A charge must add a whole amount of at least 1, not ${values.amount}.`));
      }
      return charge(values);
    },

    async balanceOf(userId) {
      const [row] = await db.select({ balance: wallet.balance }).from(wallet).where(eq(wallet.userId, userId));
      return row?.balance;
    },

    paymentOf: (reservationId) => findPayment(db, reservationId),

    async paymentsOf(userId, limit) {
      const rows = await db
        .select(paymentColumns)
        .from(payment)
        .where(eq(payment.userId, userId))
        .orderBy(desc(payment.paidAt), desc(payment.id))
        .limit(limit);
      return rows;
    },

    transaction: (work) => retryingTransient(() => transaction((tx, atCommit, send) => work(moneyTransaction(tx, atCommit, send)))),
  };
}
