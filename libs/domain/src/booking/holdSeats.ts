import { announceSeats } from '../seatFeed/seatChangeFeed.js';
import { keepSlotWhileHeld } from '../queue/activeSlotKeeper.js';
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
 * Holds seats for a user, all or none. The store places the hold in one transaction, taking only
 * seats still available, and one user's holds of an event one after another; this use case judges
 * what it found before anything commits:
 * 1. a seat that is not the event's rolls the hold back (404);
 * 2. fewer seats taken than asked means someone else has one: the hold rolls back, so nobody holds
 *    a seat twice;
 * 3. the user's live seats plus these may not pass the limit, and since the user's holds are placed
 *    one after another, two requests of one user cannot both pass it.
 * Before all that, the seats are claimed in the claim store (docs/adr/0006): in a flash sale most
 * requests lose, and a seat another buyer claimed a moment ago is answered from the claim alone, with
 * no database read. A claim is kept by a won hold (the next buyers lose at once too) and dropped by a
 * failed one. Only a lost hold reads the seats' state, to say which ones are gone. A won hold keeps
 * the buyer's active slot in the waiting room until it expires.
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
  let hold: Hold;
  try {
    hold = await holdClaimed(ctx, input, seatIds, now);
  } catch (error) {
    await releaseClaim(ctx, input.concertEventId, seatIds, claim);
    throw error;
  }
  // Before answering, so the buyer's next step (reserve, release) is announced after this one.
  await announceSeats(ctx.feed, { concertEventId: input.concertEventId, seatIds, state: 'held' });
  await keepSlotWhileHeld(ctx.slots, input.userId, hold.expiresAt, now);
  return hold;
}

/** The database's part: one race-safe placement, judged before it commits. */
async function holdClaimed(ctx: BookingContext, input: HoldSeatsInput, seatIds: number[], now: Date): Promise<Hold> {
  const limit = ctx.rules.maxSeatsPerUser;
  const expiresAt = new Date(now.getTime() + ctx.rules.holdTtlSeconds * 1_000);
  const hold = { concertEventId: input.concertEventId, userId: input.userId, seatIds, createdAt: now, expiresAt };
  try {
    return await ctx.store.placeHold(hold, ({ holdId, claimed, seats, alreadyHeld }) => {
      if (seats.length !== seatIds.length) throw seatsNotFound(input.concertEventId, seatIds, seats);
      if (claimed < seatIds.length) throw new SeatsTaken();
      if (alreadyHeld + seatIds.length > limit) {
        throw new DomainError('seat_limit_exceeded', `At most ${limit} seats per user and event.`, { limit, alreadyHeld });
      }
      return {
        id: holdId,
        concertEventId: input.concertEventId,
        userId: input.userId,
        status: 'ACTIVE' as const,
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
