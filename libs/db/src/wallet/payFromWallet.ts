import { newEvent, type PaymentAttempt } from '@concert/domain';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Pool } from 'mysql2/promise';
import { batchedTransaction, writeResult } from '../batchedTransaction.js';
import type { Database } from '../client.js';
import { outboxInsert } from '../outbox/outboxRows.js';
import { seatsSoldQueries } from '../outbox/seatsSold.js';
import { boundStatement } from '../prepared.js';
import { returnedValue, returningValue } from '../returningValue.js';
import { payment, reservation, wallet, walletLedger } from '../schema/index.js';

const $ = sql.placeholder;
type Payer = { reservationId: number; userId: number; now: Date };

// The race guard of a payment: only the owner's PENDING reservation before its deadline matches, so
// of concurrent attempts exactly one confirms; the others wait on its row lock, then match nothing.
// The amount is rewritten unchanged so that the confirm also answers what to charge.
const confirm = boundStatement<Payer>((db) =>
  db
    .update(reservation)
    .set({ status: 'CONFIRMED', confirmedAt: sql`${$('now')}`, totalAmount: returningValue(sql`${reservation.totalAmount}`) })
    .where(
      and(
        eq(reservation.id, $('reservationId')),
        eq(reservation.userId, $('userId')),
        eq(reservation.status, 'PENDING'),
        gt(reservation.expiresAt, $('now')),
      ),
    ),
);

// Never below zero, and it answers the balance it left.
const debit = boundStatement<{ userId: number; amount: number }>((db) =>
  db
    .update(wallet)
    .set({ balance: returningValue(sql`${wallet.balance} - ${$('amount')}`) })
    .where(and(eq(wallet.userId, $('userId')), sql`${wallet.balance} >= ${$('amount')}`)),
);

const paymentInsert = boundStatement<{ reservationId: number; userId: number; amount: number; paidAt: Date }>((db) =>
  db
    .insert(payment)
    .values({ reservationId: $('reservationId'), userId: $('userId'), amount: $('amount'), status: 'COMPLETED', paidAt: $('paidAt') }),
);

const paymentLedgerInsert = boundStatement<{ userId: number; amount: number; balanceAfter: number; paymentId: number }>((db) =>
  db
    .insert(walletLedger)
    .values({ userId: $('userId'), amount: $('amount'), balanceAfter: $('balanceAfter'), reason: 'PAYMENT', paymentId: $('paymentId') }),
);

class Insufficient extends Error {
  constructor(readonly amount: number) {
    super('insufficient balance');
  }
}

/**
 * A payment in three round trips: the confirm (which answers the amount); the debit and the payment
 * row together; the ledger entry, the payment.completed event, the event's sold-seat count (and its
 * sold-out event when this payment fills it) with the COMMIT. A refused debit rolls the confirm back.
 */
export function payFromWallet(db: Database, batchPool: Pool) {
  return async ({ reservationId, userId, now }: Payer): Promise<PaymentAttempt> => {
    try {
      return await batchedTransaction(batchPool, async (batches): Promise<PaymentAttempt> => {
        const [confirmed] = await batches.send([confirm(db, { reservationId, userId, now })]);
        const amount = returnedValue(writeResult(confirmed));
        if (amount === undefined) return { paid: false, reason: 'not_payable' };
        const paid = { reservationId, userId, amount, paidAt: now };
        const [debited, inserted] = await batches.send([debit(db, { userId, amount }), paymentInsert(db, paid)]);
        const balanceAfter = returnedValue(writeResult(debited));
        if (balanceAfter === undefined) throw new Insufficient(amount);
        const paymentId = Number(writeResult(inserted).insertId);
        const completed = newEvent('payment.completed', { paymentId, reservationId, userId, amount }, now);
        await batches.commit([
          paymentLedgerInsert(db, { userId, amount: -amount, balanceAfter, paymentId }),
          outboxInsert(db, completed),
          ...seatsSoldQueries(reservationId, now),
        ]);
        return { paid: true, payment: { id: paymentId, ...paid, status: 'COMPLETED', refundedAmount: 0 } };
      });
    } catch (error) {
      if (error instanceof Insufficient) return { paid: false, reason: 'insufficient_balance', amount: error.amount };
      throw error;
    }
  };
}
