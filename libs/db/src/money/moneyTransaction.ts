import type { LedgerEntry, MoneyTransaction, PayableReservation, Payment } from '@concert/domain';
import { and, eq, gt, sql } from 'drizzle-orm';
import { affectedRows } from '../affectedRows.js';
import type { Database, Transaction } from '../client.js';
import { payment, reservation, wallet, walletLedger } from '../schema/index.js';
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
export async function findPayment(db: Database | Transaction, reservationId: number, locking = false) {
  const query = db.select(paymentColumns).from(payment).where(eq(payment.reservationId, reservationId));
  const [row] = locking ? await query.for('update') : await query;
  return row as Payment | undefined;
}

/** The balance after this transaction's own write: it holds the row lock, so no one changed it since. */
async function balanceAfterWrite(tx: Transaction, userId: number): Promise<number> {
  const [row] = await tx.select({ balance: wallet.balance }).from(wallet).where(eq(wallet.userId, userId));
  if (!row) throw new Error(`Wallet of user ${userId} vanished inside its own transaction.`);
  return row.balance;
}

/** The conditional writes of one money transaction (see MoneyTransaction in the domain). */
export function moneyTransaction(tx: Transaction): MoneyTransaction {
  return {
    async credit({ userId, amount, maxBalance }) {
      // The increment and the limit are one statement: racing charges queue on the row lock, and
      // each re-checks the limit against the balance the previous one committed.
      const changed = affectedRows(
        await tx
          .update(wallet)
          .set({ balance: sql`${wallet.balance} + ${amount}` })
          .where(and(eq(wallet.userId, userId), sql`${wallet.balance} + ${amount} <= ${maxBalance}`)),
      );
      return changed === 1 ? balanceAfterWrite(tx, userId) : undefined;
    },

    async debit({ userId, amount }) {
      const changed = affectedRows(
        await tx
          .update(wallet)
          .set({ balance: sql`${wallet.balance} - ${amount}` })
          .where(and(eq(wallet.userId, userId), sql`${wallet.balance} >= ${amount}`)),
      );
      return changed === 1 ? balanceAfterWrite(tx, userId) : undefined;
    },

    async appendLedger(entry: LedgerEntry) {
      await tx.insert(walletLedger).values({ ...entry, paymentId: entry.paymentId ?? null });
    },

    async confirmReservation({ reservationId, userId, now }) {
      const changed = affectedRows(
        await tx
          .update(reservation)
          .set({ status: 'CONFIRMED', confirmedAt: now })
          .where(
            and(
              eq(reservation.id, reservationId),
              eq(reservation.userId, userId),
              eq(reservation.status, 'PENDING'),
              gt(reservation.expiresAt, now),
            ),
          ),
      );
      return changed === 1;
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
