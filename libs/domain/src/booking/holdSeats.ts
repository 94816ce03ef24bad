import { DomainError } from '../shared/domainError.js';
import { isHoldLive, sameSeats, type Hold } from './booking.js';
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
 * Losers, the common case in a flash sale, never touch the per-user lock.
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
        seats,
        createdAt: now,
        expiresAt: new Date(now.getTime() + ctx.rules.holdTtlSeconds * 1_000),
      });
    });
  } catch (error) {
    if (!(error instanceof SeatsTaken)) throw error;
    return answerTaken(ctx, input, seatIds, now);
  }
}

/** A retry of a hold the user already has gets that hold back; anyone else learns which seats are gone. */
async function answerTaken(ctx: BookingContext, input: HoldSeatsInput, seatIds: number[], now: Date): Promise<Hold> {
  const holds = await ctx.store.liveHolds(input.userId, input.concertEventId, now);
  const same = holds.find((hold) => isHoldLive(hold, now) && sameSeats(hold, seatIds));
  if (same) return same;
  const available = new Set(await ctx.inventory.availableAmong(input.concertEventId, seatIds));
  const taken = seatIds.filter((seatId) => !available.has(seatId));
  throw new DomainError('seat_unavailable', 'Some of these seats are already taken.', {
    seatIds: taken.length > 0 ? taken : seatIds,
  });
}
