import type { SeatClaims } from '../booking/ports.js';
import { announceSeats, type SeatChangeFeed } from '../seatFeed/seatChangeFeed.js';
import type { Clock } from '../shared/clock.js';
import type { RefundStore } from './refundStore.js';

/** What cancellations and refunds run against. */
export interface RefundContext {
  store: RefundStore;
  /** Dropped for seats back on sale, so a buyer's own recent claim turns nobody away. */
  claims: SeatClaims;
  /** Told of seats back on sale (the live seat maps). */
  feed: SeatChangeFeed;
  clock: Clock;
}

/**
 * After a cancel committed, its seats are back on sale: their claims are dropped (best effort: a
 * claim is advisory and lapses by itself within seconds) and the live seat maps told.
 */
export async function seatsBackOnSale(ctx: RefundContext, concertEventId: number, seatIds: readonly number[], owner: number) {
  await ctx.claims.forget(concertEventId, seatIds, owner).catch(() => undefined);
  await announceSeats(ctx.feed, { concertEventId, seatIds, state: 'available' });
}
