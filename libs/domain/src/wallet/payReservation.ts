import type { ActiveSlotReleaser } from '../queue/activeSlotReleaser.js';
import { announceSeats, type SeatChangeFeed } from '../seatFeed/seatChangeFeed.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domainError.js';
import type { WarningLog } from '../shared/warningLog.js';
import type { Payment, WalletStore } from './walletStore.js';

export interface PayReservationContext {
  store: WalletStore;
  clock: Clock;
  releaser: ActiveSlotReleaser;
  /** Told that the seats of a payment are sold (the live seat maps). */
  feed: SeatChangeFeed;
  log: WarningLog;
  /** Told how each answered payment went (for metrics): charged now, or an earlier payment answered again. */
  observe?: (outcome: 'paid' | 'replayed') => void;
}

export interface PayReservationInput {
  /** From the queue token, never from the body. */
  userId: number;
  reservationId: number;
  /** Whether the token is in the active set; an inactive user may only replay a payment already made. */
  active: boolean;
}

const notFound = (reservationId: number) =>
  new DomainError('reservation_not_found', `Reservation ${reservationId} does not exist.`);

/**
 * Pays a PENDING reservation from the wallet, all or nothing: confirm, debit, payment, ledger. Of
 * any number of concurrent attempts exactly one pays; the others find the reservation confirmed and
 * answer its payment. A wallet holding too little changes nothing, leaving the reservation PENDING
 * and payable until its deadline.
 */
export async function payReservation({
  ctx,
  input,
}: {
  ctx: PayReservationContext;
  input: PayReservationInput;
}): Promise<Payment> {
  const { userId, reservationId } = input;
  if (!input.active) {
    // Paying took the user out of the active set: a replay of that payment still answers it.
    const payment = await ctx.store.paymentOf(reservationId);
    if (payment?.userId === userId) {
      ctx.observe?.('replayed');
      return payment;
    }
    throw new DomainError('token_not_active', 'Your queue token is not active: wait for your turn.');
  }
  const now = ctx.clock.now();
  const attempt = await ctx.store.pay({ reservationId, userId, now });
  if (!attempt.paid && attempt.reason === 'insufficient_balance') {
    throw new DomainError('insufficient_balance', `The wallet holds less than the ${attempt.amount} this reservation costs.`, {
      amount: attempt.amount,
    });
  }
  const payment = attempt.paid ? attempt.payment : await settledPayment(ctx, input, now);
  ctx.observe?.(attempt.paid ? 'paid' : 'replayed');
  if (attempt.paid) await announceSeats(ctx.feed, { ...(await ctx.store.seatsOf(reservationId)), state: 'sold' });
  await releaseSlot(ctx, userId);
  return payment;
}

/** Why the reservation was not payable: someone else's or none, past its deadline, or already paid. */
async function settledPayment(ctx: PayReservationContext, input: PayReservationInput, now: Date): Promise<Payment> {
  const reservation = await ctx.store.reservationOf(input.reservationId);
  // Someone else's reservation answers exactly as a missing one: its existence is not ours to learn.
  if (!reservation || reservation.userId !== input.userId) throw notFound(input.reservationId);
  if (reservation.status === 'CONFIRMED') {
    const payment = await ctx.store.paymentOf(input.reservationId);
    if (!payment) throw new Error(`Reservation ${input.reservationId} is confirmed without a payment.`);
    return payment;
  }
  if (reservation.status === 'EXPIRED' || reservation.expiresAt.getTime() <= now.getTime()) {
    throw new DomainError('reservation_expired', `Reservation ${input.reservationId} passed its payment deadline.`, {
      expiresAt: reservation.expiresAt.toISOString(),
    });
  }
  throw new Error(`Reservation ${input.reservationId} is payable but its confirm matched no row.`);
}

/** Best effort: the money is committed, so a Redis failure here must not turn the answer into an error. */
async function releaseSlot(ctx: PayReservationContext, userId: number): Promise<void> {
  try {
    await ctx.releaser.release(userId);
  } catch (error) {
    ctx.log.warn({ err: error, userId }, 'paid, but the active slot was not released; it will time out instead');
  }
}
