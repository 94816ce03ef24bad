import { DomainError } from '../shared/domainError.js';
import { isHoldLive, sameSeats, type Hold, type SeatState } from './booking.js';
import type { BookingContext } from './context.js';
import { openEvent } from './openEvent.js';

export interface HoldSeatsInput {
  userId: number;
  concertEventId: number;
  seatIds: number[];
}

/** Thrown inside the transaction so it rolls back; never leaves this file. */
class SeatsTaken extends Error {}

/**
 * Holds seats for a user, all or none. Race safety comes from the storage, in this order:
 * 1. one conditional write takes the seats that are still available (`claimSeats`); a short count
 *    means someone else has one, and the transaction rolls back, so nobody holds a seat twice;
 * 2. only a winner then locks its own (user, event) row and counts the user's live seats, so two
 *    requests of one user cannot both pass the limit, while different users never wait on each other.
 * A seat already seen taken before the transaction is answered at once: in a flash sale most
 * requests lose, and they cost no transaction and no lock.
 */
export async function holdSeats({ ctx, input }: { ctx: BookingContext; input: HoldSeatsInput }): Promise<Hold> {
  const now = ctx.clock.now();
  const seatIds = [...new Set(input.seatIds)].sort((a, b) => a - b);
  const limit = ctx.rules.maxSeatsPerUser;
  if (seatIds.length > limit) {
    throw new DomainError('seat_limit_exceeded', `At most ${limit} seats per user and event.`, { limit });
  }
  await openEvent(ctx.catalog, input.concertEventId, now);
  const seats = await ctx.inventory.seatsOf(input.concertEventId, seatIds);
  if (seats.length !== seatIds.length) {
    const known = new Set(seats.map((seat) => seat.id));
    throw new DomainError('seat_not_found', `Some seats are not seats of event ${input.concertEventId}.`, {
      seatIds: seatIds.filter((seatId) => !known.has(seatId)),
    });
  }
  if (seats.some((seat) => !seat.isAvailable)) return answerTaken(ctx, input, seats, now);
  try {
    return await ctx.store.transaction(async (tx) => {
      const claimed = await tx.claimSeats(input.concertEventId, seatIds);
      if (claimed < seatIds.length) throw new SeatsTaken();
      await tx.lockUserEvent(input.userId, input.concertEventId);
      const alreadyHeld = await tx.liveSeatCount(input.userId, input.concertEventId, now);
      if (alreadyHeld + seatIds.length > limit) {
        throw new DomainError('seat_limit_exceeded', `At most ${limit} seats per user and event.`, {
          limit,
          alreadyHeld,
        });
      }
      return tx.createHold({
        concertEventId: input.concertEventId,
        userId: input.userId,
        seats: seats.map(({ id, seatNumber, price }) => ({ id, seatNumber, price })),
        createdAt: now,
        expiresAt: new Date(now.getTime() + ctx.rules.holdTtlSeconds * 1_000),
      });
    });
  } catch (error) {
    if (!(error instanceof SeatsTaken)) throw error;
    return answerTaken(ctx, input, await ctx.inventory.seatsOf(input.concertEventId, seatIds), now);
  }
}

/** A retry of a hold the user already has gets that hold back; anyone else learns which seats are gone. */
async function answerTaken(ctx: BookingContext, input: HoldSeatsInput, seats: SeatState[], now: Date): Promise<Hold> {
  const seatIds = seats.map((seat) => seat.id);
  const holds = await ctx.store.liveHolds(input.userId, input.concertEventId, now);
  const same = holds.find((hold) => isHoldLive(hold, now) && sameSeats(hold, seatIds));
  if (same) return same;
  const taken = seats.filter((seat) => !seat.isAvailable).map((seat) => seat.id);
  throw new DomainError('seat_unavailable', 'Some of these seats are already taken.', {
    // Empty only if the taker let go in the meantime: the request still lost, so name them all.
    seatIds: taken.length > 0 ? taken : seatIds,
  });
}
