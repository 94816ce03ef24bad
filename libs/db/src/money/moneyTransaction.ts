import type { LedgerEntry, MoneyTransaction, PayableReservation, Payment } from '@concert/domain';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { payment, reservation, wallet, walletLedger } from '../schema/index.js';
import { returningValue, writtenValue } from '../writtenValue.js';
import { completeClaim } from './idempotencyStore.js';

export const paymentColumns = {
  id: payment.id,
  reservationId: payment.reservationId,
  userId: payment.userId,
  amount: payment.amount,
  status: payment.status,
  paidAt: payment.paidAt,
};

/** The payment of a reservation; `locking` reads the latest committed row instead of the snapshot. */
export async function findPayment(db: Database, reservationId: number, locking = false) {
  const query = db.select(paymentColumns).from(payment).where(eq(payment.reservationId, reservationId));
  const [row] = locking ? await query.for('update') : await query;
  return row as Payment | undefined;
}

/** The conditional writes of one money transaction (see MoneyTransaction in the domain). */
export function moneyTransaction(tx: Database): MoneyTransaction {
  return {
    async credit({ userId, amount, maxBalance }) {
      // The increment and the limit are one statement: racing charges queue on the row lock, and
      // each re-checks the limit against the balance the previous one committed.
      return writtenValue(
        await tx
          .update(wallet)
          .set({ balance: returningValue(sql`${wallet.balance} + ${amount}`) })
          .where(and(eq(wallet.userId, userId), sql`${wallet.balance} + ${amount} <= ${maxBalance}`)),
      );
    },

    async debit({ userId, amount }) {
      return writtenValue(
        await tx
          .update(wallet)
          .set({ balance: returningValue(sql`${wallet.balance} - ${amount}`) })
          .where(and(eq(wallet.userId, userId), sql`${wallet.balance} >= ${amount}`)),
      );
    },

    async appendLedger(entry: LedgerEntry) {
      await tx.insert(walletLedger).values({ ...entry, paymentId: entry.paymentId ?? null });
    },

    async confirmReservation({ reservationId, userId, now }) {
      return writtenValue(
        await tx
          .update(reservation)
          // The amount is rewritten unchanged so that the confirm also answers what to charge.
          .set({ status: 'CONFIRMED', confirmedAt: now, totalAmount: returningValue(sql`${reservation.totalAmount}`) })
          .where(
            and(
              eq(reservation.id, reservationId),
              eq(reservation.userId, userId),
              eq(reservation.status, 'PENDING'),
              gt(reservation.expiresAt, now),
            ),
          ),
      );
    },

    async reservation(reservationId) {
      const [row] = await tx
        .select({
          id: reservation.id,
          userId: reservation.userId,
          status: reservation.status,
          totalAmount: reservation.totalAmount,
          expiresAt: reservation.expiresAt,
        })
        .from(reservation)
        .where(eq(reservation.id, reservationId))
        .for('update');
      return row as PayableReservation | undefined;
    },

    async insertPayment(values) {
      const [result] = await tx.insert(payment).values(values);
      return { id: result.insertId, ...values };
    },

    paymentOf: (reservationId) => findPayment(tx, reservationId, true),

    completeIdempotentRequest: (completion) => completeClaim(tx, completion),
  };
}
