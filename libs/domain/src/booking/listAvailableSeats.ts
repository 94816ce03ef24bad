import type { Seat } from './booking.js';
import type { BookingContext } from './context.js';
import { openEvent } from './openEvent.js';

/** The seats on sale right now, read from the seats themselves (never a cache or a counter). */
export async function listAvailableSeats({
  ctx,
  input,
}: {
  ctx: Pick<BookingContext, 'catalog' | 'inventory' | 'clock'>;
  input: { concertEventId: number };
}): Promise<readonly Seat[]> {
  await openEvent(ctx.catalog, input.concertEventId, ctx.clock.now());
  return ctx.inventory.availableSeats(input.concertEventId);
}
