import type { LedgerEntry, MoneyTransaction, PayableReservation, Payment } from '@concert/domain';
import { and, eq, gt, sql } from 'drizzle-orm';
import { resultHeader } from '../affectedRows.js';
import type { AtCommit, Queryable, Send } from '../client.js';
import { payment, reservation, wallet, walletLedger } from '../schema/index.js';
import { boundStatement, prepared } from '../prepared.js';
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
export async function findPayment(db: Queryable, reservationId: number, locking = false) {
  const query = db.select(paymentColumns).from(payment).where(eq(payment.reservationId, reservationId));
  const [row] = locking ? await query.for('update') : await query;
  return row as Payment | undefined;
}

const $ = sql.placeholder;

// The increment and the limit are one statement: racing charges queue on the row lock, and each
// re-checks the limit against the balance the previous one committed.
export const creditStatement = boundStatement<{ userId: number; amount: number; maxBalance: number }>((db) =>
  db
    .update(wallet)
    .set({ balance: returningValue(sql`${wallet.balance} + ${$('amount')}`) })
    .where(and(eq(wallet.userId, $('userId')), sql`${wallet.balance} + ${$('amount')} <= ${$('maxBalance')}`)),
);

const debitStatement = boundStatement<{ userId: number; amount: number }>((db) =>
  db
    .update(wallet)
    .set({ balance: returningValue(sql`${wallet.balance} - ${$('amount')}`) })
    .where(and(eq(wallet.userId, $('userId')), sql`${wallet.balance} >= ${$('amount')}`)),
);

const ledgerInsert = boundStatement<Omit<LedgerEntry, 'paymentId'> & { paymentId: number | null }>((db) =>
  db
    .insert(walletLedger)
    .values({
      userId: $('userId'),
      amount: $('amount'),
      balanceAfter: $('balanceAfter'),
      reason: $('reason'),
      paymentId: $('paymentId'),
    }),
);

// The amount is rewritten unchanged so that the confirm also answers what to charge.
const confirmStatement = prepared<{ reservationId: number; userId: number; now: Date }, unknown>((db) =>
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
    )
    .prepare(),
);

const paymentInsert = boundStatement<Omit<Payment, 'id'>>((db) =>
  db
    .insert(payment)
    .values({ reservationId: $('reservationId'), userId: $('userId'), amount: $('amount'), status: $('status'), paidAt: $('paidAt') }),
);

/** The conditional writes of one money transaction (see MoneyTransaction in the domain). */
export function moneyTransaction(tx: Queryable, atCommit: AtCommit, send: Send): MoneyTransaction {
  return {
    credit: async (values) => writtenValue(await send(creditStatement(tx, values))),

    debit: async (values) => writtenValue(await send(debitStatement(tx, values))),

    async appendLedger(entry: LedgerEntry) {
      atCommit(ledgerInsert(tx, { ...entry, paymentId: entry.paymentId ?? null }));
    },

    confirmReservation: async (values) => writtenValue(resultHeader(await confirmStatement(tx, values))),

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
      const { insertId } = await send(paymentInsert(tx, values));
      return { id: Number(insertId), ...values };
    },

    paymentOf: (reservationId) => findPayment(tx, reservationId, true),

    completeIdempotentRequest: (completion) => completeClaim(tx, completion),
  };
}
