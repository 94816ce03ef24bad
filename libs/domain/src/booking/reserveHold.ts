import { announceSeats } from '../seatFeed/seatChangeFeed.js';
import { keepSlotWhileHeld } from '../queue/activeSlotKeeper.js';
import { DomainError } from '../shared/domainError.js';
import { isHoldLive, type Reservation } from './booking.js';
import type { ConcertEvent } from './catalog.js';
import type { BookingContext } from './context.js';
import { openEvent } from './openEvent.js';
import type { BookingTransaction } from './ports.js';

export interface ReserveHoldInput {
  userId: number;
  concertEventId: number;
  occupationId: number;
}

const notFound = (occupationId: number) =>
  new DomainError('occupation_not_found', `Hold ${occupationId} does not exist.`);

/**
 * Turns the user's live hold into a PENDING reservation. The deadline is checked by the clock here
 * and again in the conditional write that releases the hold, so a hold the sweeper has not reached
 * yet still cannot be reserved, and a hold being expired and reserved at once ends up one or the
 * other. Reserving the same hold again answers the same reservation (one per hold, by a unique key).
 * An unpaid reservation keeps the buyer's active slot until its payment deadline.
 */
export async function reserveHold({
  ctx,
  input,
}: {
  ctx: BookingContext;
  input: ReserveHoldInput;
}): Promise<{ reservation: Reservation; event: ConcertEvent }> {
  const now = ctx.clock.now();
  const event = await openEvent(ctx.catalog, input.concertEventId, now);
  let reservedSeats: number[] = [];
  const reservation = await ctx.store.transaction(async (tx) => {
    const hold = await tx.findHold(input.occupationId);
    // Someone else's hold, or one of another event, answers as if it did not exist.
    if (!hold || hold.userId !== input.userId || hold.concertEventId !== input.concertEventId) {
      throw notFound(input.occupationId);
    }
    if (hold.status === 'RELEASED') return existingReservation(tx, input);
    if (!isHoldLive(hold, now)) throw expired(input.occupationId);
    if (!(await tx.releaseHold(hold.id, input.userId, now))) {
      // A concurrent reserve of the same hold won (it is RELEASED now), or the sweeper expired it.
      return existingReservation(tx, input);
    }
    reservedSeats = hold.seats.map((seat) => seat.seatId);
    const paymentWindowMs = ctx.rules.paymentWindowSeconds * 1_000;
    return tx.createReservation({
      hold,
      concertId: event.concertId,
      createdAt: now,
      expiresAt: paymentWindowMs > 0 ? new Date(now.getTime() + paymentWindowMs) : hold.expiresAt,
    });
  });
  // Only the reserve that made the reservation announces it; a repeated one changed nothing.
  await announceSeats(ctx.feed, { concertEventId: input.concertEventId, seatIds: reservedSeats, state: 'reserved' });
  if (reservation.status === 'PENDING') await keepSlotWhileHeld(ctx.slots, input.userId, reservation.expiresAt, now);
  return { reservation, event };
}

const expired = (occupationId: number) =>
  new DomainError('occupation_expired', `Hold ${occupationId} has expired: its seats are back on sale.`);

async function existingReservation(tx: BookingTransaction, input: ReserveHoldInput): Promise<Reservation> {
  const reservation = await tx.findReservationOfHold(input.occupationId);
  if (!reservation) throw expired(input.occupationId);
  // The buyer cancelled it: its seats are back on sale, so the hold may not come back to life.
  if (reservation.status === 'CANCELLED') {
    throw new DomainError('occupation_not_active', `Hold ${input.occupationId} became a reservation that was cancelled.`, {
      status: 'CANCELLED',
    });
  }
  return reservation;
}
