import type { SeatClaims } from '../booking/ports.js';
import type { Clock } from '../shared/clock.js';
import type { RefundStore } from './refundStore.js';

/** What cancellations and refunds run against. */
export interface RefundContext {
  store: RefundStore;
  /** Dropped for seats back on sale, so a buyer's own recent claim turns nobody away. */
  claims: SeatClaims;
  clock: Clock;
}

/** Best effort: a claim is advisory and lapses by itself within seconds. */
export async function forgetClaims(ctx: RefundContext, concertEventId: number, seatIds: readonly number[], owner: number) {
  await ctx.claims.forget(concertEventId, seatIds, owner).catch(() => undefined);
}
