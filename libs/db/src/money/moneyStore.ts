import type { MoneyStore } from '@concert/domain';
import { desc, eq, sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../client.js';
import { retryingTransient } from '../errors.js';
import { prepared } from '../prepared.js';
import { payment, wallet } from '../schema/index.js';
import { findPayment, moneyTransaction, paymentColumns } from './moneyTransaction.js';

// A no-op on an existing wallet; two first charges racing both end with the one row.
const walletUpsert = prepared<{ userId: number }, unknown>((db) =>
  db
    .insert(wallet)
    .values({ userId: sql.placeholder('userId'), balance: 0 })
    .onDuplicateKeyUpdate({ set: { userId: sql`${wallet.userId}` } })
    .prepare(),
);

export function createMoneyStore({ db, transaction }: DatabaseHandle): MoneyStore {
  return {
    async openWallet(userId) {
      await walletUpsert(db, { userId });
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
