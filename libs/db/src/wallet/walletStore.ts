import type { PayableReservation, Payment, WalletStore } from '@concert/domain';
import { desc, eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../client.js';
import { retryingTransient } from '../errors.js';
import { payment, reservation, wallet } from '../schema/index.js';
import { chargeWallets, type ChargeSettings } from './chargeWallets.js';
import { payFromWallet } from './payFromWallet.js';
import { allocatedSeats } from '../booking/allocatedSeats.js';

const paymentColumns = {
  id: payment.id,
  reservationId: payment.reservationId,
  userId: payment.userId,
  amount: payment.amount,
  status: payment.status,
  refundedAmount: payment.refundedAmount,
  paidAt: payment.paidAt,
};

/** Wallets, payments and the ledger on MySQL; `charges` sets the charge bulkhead (chargeWallets.ts). */
export function createWalletStore(handle: DatabaseHandle, charges: ChargeSettings = { concurrency: 1, batchSize: 50 }): WalletStore {
  const { db, batchPool } = handle;
  const pay = payFromWallet(db, batchPool);
  return {
    charge: chargeWallets(handle, charges),

    pay: (input) => retryingTransient(() => pay(input)),

    async reservationOf(reservationId) {
      const [row] = await db
        .select({
          id: reservation.id,
          userId: reservation.userId,
          status: reservation.status,
          totalAmount: reservation.totalAmount,
          expiresAt: reservation.expiresAt,
        })
        .from(reservation)
        .where(eq(reservation.id, reservationId));
      return row satisfies PayableReservation | undefined;
    },

    async balanceOf(userId) {
      const [row] = await db.select({ balance: wallet.balance }).from(wallet).where(eq(wallet.userId, userId));
      return row?.balance;
    },

    async paymentOf(reservationId) {
      const [row] = await db.select(paymentColumns).from(payment).where(eq(payment.reservationId, reservationId));
      return row satisfies Payment | undefined;
    },

    seatsOf: (reservationId) => allocatedSeats(db, { reservationId }),

    paymentsOf: (userId, limit) =>
      db.select(paymentColumns).from(payment).where(eq(payment.userId, userId)).orderBy(desc(payment.paidAt), desc(payment.id)).limit(limit),
  };
}
