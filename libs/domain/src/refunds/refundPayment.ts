import { DomainError } from '../shared/domainError.js';
import { seatsBackOnSale, type RefundContext } from './refundContext.js';
import type { Refund, RefundableReservation } from './refundStore.js';

export interface RefundPaymentInput {
  reservationId: number;
  /** Omitted: whatever of the payment is not refunded yet. */
  amount?: number;
  reason: string;
  /** Keep the ticket (a goodwill refund); otherwise a CONFIRMED reservation is cancelled and its seats go back on sale. */
  keepSeats: boolean;
}

export interface OperatorRefund {
  refund: Refund;
  /** Whether this refund cancelled the reservation. */
  cancelled: boolean;
}

const ATTEMPTS = 3;

/**
 * An operator gives money back for a paid reservation, whatever the event's policy: all that is left,
 * or part of it. The store's conditional write keeps the refunds of a payment within what was paid,
 * however many run at once; a refund racing the buyer's cancellation re-reads and refunds what is left.
 */
export async function refundPayment({ ctx, input }: { ctx: RefundContext; input: RefundPaymentInput }): Promise<OperatorRefund> {
  const reason = input.reason.trim();
  if (reason === '') {
    throw new DomainError('invalid_request', 'Invalid request: check reason.', [{ field: 'reason', message: 'Say why.' }]);
  }
  if (input.amount !== undefined && (!Number.isSafeInteger(input.amount) || input.amount <= 0)) {
    throw new DomainError('invalid_request', 'Invalid request: check amount.', [{ field: 'amount', message: 'Must be a whole number above 0.' }]);
  }
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const reservation = await ctx.store.reservation(input.reservationId);
    if (!reservation) throw new DomainError('reservation_not_found', `Reservation ${input.reservationId} does not exist.`);
    const { payment } = reservation;
    if (!payment) {
      throw new DomainError('reservation_not_paid', `Reservation ${reservation.id} is ${reservation.status}: there is no payment to refund.`, {
        status: reservation.status,
      });
    }
    const left = payment.amount - payment.refundedAmount;
    const amount = input.amount ?? left;
    if (amount > left || amount <= 0) throw exceeds(reservation, amount, left);
    const cancel = !input.keepSeats && reservation.status === 'CONFIRMED';
    const now = ctx.clock.now();
    const outcome = await ctx.store.refund({ reservationId: reservation.id, amount, kind: 'OPERATOR', reason, cancel, now });
    if (outcome.refunded && outcome.refund) {
      if (cancel) await seatsBackOnSale(ctx, reservation.concertEventId, reservation.seatIds, reservation.userId);
      return { refund: outcome.refund, cancelled: cancel };
    }
  }
  throw new Error(`Reservation ${input.reservationId} kept changing while being refunded.`);
}

const exceeds = (reservation: RefundableReservation, amount: number, left: number) =>
  new DomainError(
    'refund_exceeds_payment',
    `Reservation ${reservation.id} has ${left} left to refund of its payment; ${amount} was asked.`,
    { refundable: left, requested: amount },
  );
