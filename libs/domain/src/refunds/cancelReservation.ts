import { DomainError } from '../shared/domainError.js';
import { cancellationDeadline, cancellationFee } from './cancellationPolicy.js';
import { seatsBackOnSale, type RefundContext } from './refundContext.js';
import type { Refund, RefundableReservation } from './refundStore.js';

export interface CancelReservationInput {
  /** From the queue token, never from the body. */
  userId: number;
  reservationId: number;
}

export interface Cancellation {
  reservationId: number;
  status: 'CANCELLED';
  /** What came back to the wallet (0 for an unpaid reservation). */
  refunded: number;
  fee: number;
  refund?: Refund;
}

/** A reservation changes hands at most a few times (paid, swept, cancelled): each lost race re-reads it. */
const ATTEMPTS = 3;

/**
 * The buyer cancels a reservation and its seats go back on sale at once. Unpaid: it becomes
 * CANCELLED, nothing is charged. Paid: allowed until the event's deadline; the price less the event's
 * fee comes back to the wallet as a refund. Every step is a conditional write on the reservation's
 * state, so a cancel racing a payment, the sweeper or another cancel ends one way: a lost race re-reads
 * the reservation and acts on what it has become (a payment that won is then refunded by the policy).
 */
export async function cancelReservation({
  ctx,
  input,
}: {
  ctx: RefundContext;
  input: CancelReservationInput;
}): Promise<Cancellation> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const reservation = await ctx.store.reservation(input.reservationId);
    // Someone else's reservation answers exactly as a missing one.
    if (!reservation || reservation.userId !== input.userId) {
      throw new DomainError('reservation_not_found', `Reservation ${input.reservationId} does not exist.`);
    }
    const now = ctx.clock.now();
    const done = reservation.status === 'PENDING' ? await cancelUnpaid(ctx, reservation, now) : await cancelPaid(ctx, reservation, now);
    if (done) {
      await seatsBackOnSale(ctx, reservation.concertEventId, reservation.seatIds, reservation.userId);
      return done;
    }
  }
  throw new Error(`Reservation ${input.reservationId} kept changing while being cancelled.`);
}

async function cancelUnpaid(ctx: RefundContext, reservation: RefundableReservation, now: Date): Promise<Cancellation | undefined> {
  if (reservation.expiresAt.getTime() <= now.getTime()) throw notCancellable(reservation.id, 'EXPIRED');
  if (!(await ctx.store.cancelUnpaid(reservation.id, now))) return undefined;
  return { reservationId: reservation.id, status: 'CANCELLED', refunded: 0, fee: 0 };
}

async function cancelPaid(ctx: RefundContext, reservation: RefundableReservation, now: Date): Promise<Cancellation | undefined> {
  if (reservation.status !== 'CONFIRMED' || !reservation.payment) throw notCancellable(reservation.id, reservation.status);
  const deadline = cancellationDeadline(reservation.policy, reservation.showStartsAt);
  if (!deadline || deadline.getTime() <= now.getTime()) {
    throw new DomainError(
      'cancellation_closed',
      deadline ? `Reservation ${reservation.id} could be cancelled until ${deadline.toISOString()}.` : 'This event does not let buyers cancel.',
      { cancellableUntil: deadline?.toISOString() ?? null },
    );
  }
  const { payment } = reservation;
  const fee = cancellationFee(reservation.policy, payment.amount);
  // An operator's partial refund may already have given some back: the buyer gets the rest, less the fee.
  const amount = Math.max(0, payment.amount - payment.refundedAmount - fee);
  const outcome = await ctx.store.refund({
    reservationId: reservation.id,
    amount,
    kind: 'CANCELLATION',
    reason: 'Cancelled by the buyer',
    cancel: true,
    now,
  });
  if (!outcome.refunded) return undefined;
  return { reservationId: reservation.id, status: 'CANCELLED', refunded: amount, fee: payment.amount - payment.refundedAmount - amount, refund: outcome.refund };
}

const notCancellable = (reservationId: number, status: string) =>
  new DomainError('reservation_not_cancellable', `Reservation ${reservationId} is ${status}: nothing was cancelled.`, { status });
