import type { ActiveSlotReleaser } from '../queue/activeSlotReleaser.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domainError.js';
import type { WarningLog } from '../shared/warningLog.js';
import type { MoneyStore, MoneyTransaction, Payment } from '../wallet/moneyStore.js';

export interface PayReservationContext {
  store: MoneyStore;
  clock: Clock;
  releaser: ActiveSlotReleaser;
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
 * Pays a PENDING reservation from the wallet in ONE transaction: confirm, debit, payment, ledger.
 * The confirm is a conditional UPDATE (owner, PENDING, before the deadline), so of any number of
 * concurrent attempts exactly one confirms; the others wait on its row lock and then find it
 * CONFIRMED and answer its payment. A debit refused for lack of balance rolls the confirm back,
 * leaving the reservation PENDING and payable until its deadline.
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
  let outcome: 'paid' | 'replayed' = 'paid';
  const payment = await ctx.store.transaction(async (tx) => {
    const amount = await tx.confirmReservation({ reservationId, userId, now });
    if (amount === undefined) {
      outcome = 'replayed';
      return settledPayment(tx, input, now);
    }
    // Together in one round trip: a refused debit rolls the payment back with the confirm.
    const [balanceAfter, paid] = await Promise.all([
      tx.debit({ userId, amount }),
      tx.insertPayment({ reservationId, userId, amount, status: 'COMPLETED', paidAt: now }),
    ]);
    if (balanceAfter === undefined) {
      throw new DomainError('insufficient_balance', `The wallet holds less than the ${amount} this reservation costs.`, {
        amount,
      });
    }
    await tx.appendLedger({ userId, amount: -amount, balanceAfter, reason: 'PAYMENT', paymentId: paid.id });
    return paid;
  });
  ctx.observe?.(outcome);
  await releaseSlot(ctx, userId);
  return payment;
}

/** Why the confirm matched no row: someone else's or no reservation, past its deadline, or already paid. */
async function settledPayment(tx: MoneyTransaction, input: PayReservationInput, now: Date): Promise<Payment> {
  const reservation = await tx.reservation(input.reservationId);
  // Someone else's reservation answers exactly as a missing one: its existence is not ours to learn.
  if (!reservation || reservation.userId !== input.userId) throw notFound(input.reservationId);
  if (reservation.status === 'CONFIRMED') {
    const payment = await tx.paymentOf(input.reservationId);
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
