import { newEvent, type DomainEvent, type Refund, type RefundableReservation, type RefundOutcome, type RefundRequest, type RefundStore } from '@concert/domain';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { affectedRows, insertId } from '../affectedRows.js';
import { withTransaction, type DatabaseHandle, type Transaction } from '../client.js';
import { retryingTransient } from '../errors.js';
import { concertEvent, payment, refund, reservation, seatAllocation, wallet, walletLedger } from '../schema/index.js';
import { writeEvents } from '../outbox/outboxRows.js';
import { seatsSoldChange } from '../outbox/seatsSold.js';
import { giveSeatsBack } from './giveSeatsBack.js';

/** The reservation.cancelled event of a reservation this transaction just cancelled. */
async function cancelledEvent(tx: Transaction, reservationId: number, now: Date): Promise<DomainEvent> {
  const [row] = await tx
    .select({ userId: reservation.userId, concertEventId: reservation.concertEventId })
    .from(reservation)
    .where(eq(reservation.id, reservationId));
  if (!row) throw new Error(`Reservation ${reservationId} vanished inside its own cancel.`);
  return newEvent('reservation.cancelled', { reservationId, ...row }, now);
}

/** Thrown inside a transaction to roll it back with a verdict; never leaves this file. */
class Refused extends Error {
  constructor(readonly verdict: Extract<RefundOutcome, { refunded: false }>) {
    super(verdict.reason);
  }
}

const refundColumns = {
  id: refund.id,
  paymentId: refund.paymentId,
  reservationId: refund.reservationId,
  userId: refund.userId,
  amount: refund.amount,
  kind: refund.kind,
  reason: refund.reason,
  createdAt: refund.createdAt,
};

/** Cancellations and refunds on MySQL, each one Drizzle transaction at READ COMMITTED (docs/ARCHITECTURE.md). */
export function dbRefundStore({ db }: Pick<DatabaseHandle, 'db'>): RefundStore {
  async function addRefund(tx: Transaction, request: RefundRequest): Promise<Refund | undefined> {
    const { reservationId, amount, now } = request;
    if (amount === 0) return undefined;
    // The race guard of refunds: the running total may never pass what was paid. Zero rows: it would.
    const added = await tx
      .update(payment)
      .set({
        refundedAmount: sql`${payment.refundedAmount} + ${amount}`,
        status: sql`IF(${payment.refundedAmount} + ${amount} = ${payment.amount}, 'REFUNDED', 'PARTIALLY_REFUNDED')`,
      })
      .where(and(eq(payment.reservationId, reservationId), sql`${payment.refundedAmount} + ${amount} <= ${payment.amount}`));
    if (affectedRows(added) === 0) throw new Refused({ refunded: false, reason: 'exceeds_payment' });
    const [paid] = await tx.select({ id: payment.id, userId: payment.userId }).from(payment).where(eq(payment.reservationId, reservationId));
    if (!paid) throw new Error(`Payment of reservation ${reservationId} vanished inside its refund.`);
    const row = { paymentId: paid.id, reservationId, userId: paid.userId, amount, kind: request.kind, reason: request.reason, createdAt: now };
    const refundId = insertId(await tx.insert(refund).values(row));
    // The wallet paid, so it exists. A refund gives back money that was in it, so no balance cap applies.
    await tx.update(wallet).set({ balance: sql`${wallet.balance} + ${amount}` }).where(eq(wallet.userId, paid.userId));
    const [credited] = await tx.select({ balance: wallet.balance }).from(wallet).where(eq(wallet.userId, paid.userId));
    if (!credited) throw new Error(`User ${paid.userId} paid without a wallet.`);
    await tx.insert(walletLedger).values({ userId: paid.userId, amount, balanceAfter: credited.balance, reason: 'REFUND', paymentId: paid.id, refundId });
    return { id: refundId, ...row };
  }

  function refundedEvent({ id, paymentId, reservationId, userId, amount, kind, createdAt }: Refund): DomainEvent {
    return newEvent('refund.completed', { refundId: id, paymentId, reservationId, userId, amount, kind }, createdAt);
  }

  return {
    async reservation(reservationId) {
      const [row] = await db
        .select({
          id: reservation.id,
          userId: reservation.userId,
          concertEventId: reservation.concertEventId,
          status: reservation.status,
          totalAmount: reservation.totalAmount,
          expiresAt: reservation.expiresAt,
          showStartsAt: concertEvent.startAt,
          untilMinutesBefore: concertEvent.cancellableUntilMinutesBefore,
          feePercent: concertEvent.cancellationFeePercent,
          feeFixed: concertEvent.cancellationFeeFixed,
          paymentId: payment.id,
          paid: payment.amount,
          refundedAmount: payment.refundedAmount,
        })
        .from(reservation)
        .innerJoin(concertEvent, eq(concertEvent.id, reservation.concertEventId))
        .leftJoin(payment, eq(payment.reservationId, reservation.id))
        .where(eq(reservation.id, reservationId));
      if (!row) return undefined;
      const seats = await db
        .select({ seatId: seatAllocation.seatId })
        .from(seatAllocation)
        .where(eq(seatAllocation.reservationId, reservationId));
      const { untilMinutesBefore, feePercent, feeFixed, paymentId, paid, refundedAmount, ...rest } = row;
      return {
        ...rest,
        policy: { untilMinutesBefore, feePercent, feeFixed },
        payment: paymentId === null || paid === null || refundedAmount === null ? undefined : { id: paymentId, amount: paid, refundedAmount },
        seatIds: seats.map((each) => each.seatId),
      } satisfies RefundableReservation;
    },

    cancelUnpaid: (reservationId, now) =>
      retryingTransient(() =>
        withTransaction(db, async (tx) => {
          // Loses to a payment (CONFIRMED), the sweeper (EXPIRED) and another cancel: one of them wins the row.
          const won = await tx
            .update(reservation)
            .set({ status: 'CANCELLED', cancelledAt: now })
            .where(and(eq(reservation.id, reservationId), eq(reservation.status, 'PENDING'), gt(reservation.expiresAt, now)));
          if (affectedRows(won) === 0) return false;
          await giveSeatsBack(tx, reservationId, now);
          await writeEvents(tx, [await cancelledEvent(tx, reservationId, now)]);
          return true;
        }),
      ),

    async refund(request) {
      try {
        return await retryingTransient(() =>
          withTransaction(db, async (tx): Promise<RefundOutcome> => {
            const events: DomainEvent[] = [];
            if (request.cancel) {
              // Loses to another cancel or refund that cancelled first: only one of them gives the seats back.
              const won = await tx
                .update(reservation)
                .set({ status: 'CANCELLED', cancelledAt: request.now })
                .where(and(eq(reservation.id, request.reservationId), eq(reservation.status, 'CONFIRMED')));
              if (affectedRows(won) === 0) throw new Refused({ refunded: false, reason: 'not_confirmed' });
              await giveSeatsBack(tx, request.reservationId, request.now);
              events.push(await cancelledEvent(tx, request.reservationId, request.now));
            }
            const made = await addRefund(tx, request);
            if (made) events.push(refundedEvent(made));
            await writeEvents(tx, events);
            if (request.cancel) {
              // Its seats were paid for: unsold again, and the event back on sale if it was sold out.
              for (const statement of seatsSoldChange(request.reservationId, 'unsold', request.now)) await tx.execute(statement);
            }
            return made ? { refunded: true, refund: made } : { refunded: true };
          }),
        );
      } catch (error) {
        if (error instanceof Refused) return error.verdict;
        throw error;
      }
    },

    refundsOf: (reservationId) =>
      db.select(refundColumns).from(refund).where(eq(refund.reservationId, reservationId)).orderBy(asc(refund.id)),
  };
}
