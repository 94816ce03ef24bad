import { announceSeats } from '../seatFeed/seatChangeFeed.js';
import type { BookingContext } from './context.js';
import type { EventSeats } from './ports.js';

export interface ExpirySweep {
  holdsExpired: number;
  reservationsExpired: number;
}

/** Rows looked at per sweep and kind: bounds one sweep's work; the next sweep takes the rest. */
const BATCH = 500;

/**
 * Gives back the seats of holds and unpaid reservations past their deadline. Each row is expired
 * by its own conditional write, so sweepers in several processes at once never expire a row twice
 * or release a seat someone else has since taken; a row another process won is simply skipped.
 */
export async function expireOverdue({
  ctx,
  input = {},
}: {
  ctx: Pick<BookingContext, 'expiry' | 'clock' | 'feed'>;
  input?: { batch?: number };
}): Promise<ExpirySweep> {
  const now = ctx.clock.now();
  const batch = input.batch ?? BATCH;
  let holdsExpired = 0;
  for (const occupationId of await ctx.expiry.overdueHolds(now, batch)) {
    if (await freed(ctx, await ctx.expiry.expireHold(occupationId, now))) holdsExpired += 1;
  }
  let reservationsExpired = 0;
  for (const reservationId of await ctx.expiry.overdueReservations(now, batch)) {
    if (await freed(ctx, await ctx.expiry.expireReservation(reservationId, now))) reservationsExpired += 1;
  }
  return { holdsExpired, reservationsExpired };
}

/** Announces seats this sweep put back on sale; false when another process won the row. */
async function freed(ctx: Pick<BookingContext, 'feed'>, seats: EventSeats | undefined): Promise<boolean> {
  if (!seats) return false;
  await announceSeats(ctx.feed, { ...seats, state: 'available' });
  return true;
}
