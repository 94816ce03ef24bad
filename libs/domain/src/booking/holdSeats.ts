import { DomainError } from '../shared/domainError.js';
import { isHoldLive, sameSeats, type Hold, type Seat, type SeatState } from './booking.js';
import type { BookingContext } from './context.js';
import { openEvent } from './openEvent.js';
import { claimAhead, releaseClaim, seatsTaken } from './seatClaims.js';

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
 * 2. the same round trip locks the user's own (user, event) row, writes the hold and reads the
 *    seats' numbers and prices; a winner then counts the user's live seats (a user's first hold of
 *    the event has none), so two requests of one user cannot both pass the limit, while different
 *    users never wait on each other.
 * Before all that, the seats are claimed in the claim store (docs/adr/0006): in a flash sale most
 * requests lose, and a seat another buyer claimed a moment ago is answered from the claim alone, with
 * no database read. A claim is kept by a won hold (the next buyers lose at once too) and dropped by a
 * failed one. Only a lost hold reads the seats' state, to say which ones are gone.
 */
export async function holdSeats({ ctx, input }: { ctx: BookingContext; input: HoldSeatsInput }): Promise<Hold> {
  const now = ctx.clock.now();
  const seatIds = [...new Set(input.seatIds)].sort((a, b) => a - b);
  const limit = ctx.rules.maxSeatsPerUser;
  if (seatIds.length === 0) {
    throw new DomainError('invalid_request', 'Invalid request: check seatIds.', [
      { field: 'seatIds', message: 'Name at least one seat.' },
    ]);
  }
  if (seatIds.length > limit) {
    throw new DomainError('seat_limit_exceeded', `At most ${limit} seats per user and event.`, { limit });
  }
  await openEvent(ctx.catalog, input.concertEventId, now);
  const claim = await claimAhead(ctx, input.concertEventId, seatIds, input.userId, now);
  try {
    return await holdClaimed(ctx, input, seatIds, now);
  } catch (error) {
    await releaseClaim(ctx, input.concertEventId, seatIds, claim);
    throw error;
  }
}

/** The database's part: one race-safe transaction, whose writes and read share one round trip. */
async function holdClaimed(ctx: BookingContext, input: HoldSeatsInput, seatIds: number[], now: Date): Promise<Hold> {
  const limit = ctx.rules.maxSeatsPerUser;
  const expiresAt = new Date(now.getTime() + ctx.rules.holdTtlSeconds * 1_000);
  try {
    return await ctx.store.transaction(async (tx) => {
      // Sent together, in this order: a lost seat, an unknown one or the limit rolls them all back.
      const [claimed, firstHold, holdId, seats] = await Promise.all([
        tx.claimSeats(input.concertEventId, seatIds),
        tx.lockUserEvent(input.userId, input.concertEventId),
        tx.createHold({ concertEventId: input.concertEventId, userId: input.userId, seatIds, createdAt: now, expiresAt }),
        tx.readSeats(input.concertEventId, seatIds),
      ]);
      if (seats.length !== seatIds.length) throw seatsNotFound(input.concertEventId, seatIds, seats);
      if (claimed < seatIds.length) throw new SeatsTaken();
      const alreadyHeld = firstHold ? 0 : await tx.liveSeatCount(input.userId, input.concertEventId, now);
      if (alreadyHeld + seatIds.length > limit) {
        throw new DomainError('seat_limit_exceeded', `At most ${limit} seats per user and event.`, {
          limit,
          alreadyHeld,
        });
      }
      return {
        id: holdId,
        concertEventId: input.concertEventId,
        userId: input.userId,
        status: 'ACTIVE',
        expiresAt,
        createdAt: now,
        seats: seats
          .map(({ id, seatNumber, price }) => ({ seatId: id, seatNumber, price }))
          .sort((a, b) => a.seatNumber - b.seatNumber),
      };
    });
  } catch (error) {
    if (!(error instanceof SeatsTaken)) throw error;
    return answerTaken(ctx, input, await ctx.inventory.seatsOf(input.concertEventId, seatIds), now);
  }
}

function seatsNotFound(concertEventId: number, seatIds: number[], found: readonly Seat[]): DomainError {
  const known = new Set(found.map((seat) => seat.id));
  return new DomainError('seat_not_found', `Some seats are not seats of event ${concertEventId}.`, {
    seatIds: seatIds.filter((seatId) => !known.has(seatId)),
  });
}

/** A retry of a hold the user already has gets that hold back; anyone else learns which seats are gone. */
async function answerTaken(ctx: BookingContext, input: HoldSeatsInput, seats: SeatState[], now: Date): Promise<Hold> {
  const seatIds = seats.map((seat) => seat.id);
  const holds = await ctx.store.liveHolds(input.userId, input.concertEventId, now);
  const same = holds.find((hold) => isHoldLive(hold, now) && sameSeats(hold, seatIds));
  if (same) return same;
  const taken = seats.filter((seat) => !seat.isAvailable).map((seat) => seat.id);
  // Empty only if the taker let go in the meantime: the request still lost, so name them all.
  throw seatsTaken(taken.length > 0 ? taken : seatIds);
}
