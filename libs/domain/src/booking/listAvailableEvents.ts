import { DomainError } from '../shared/domainError.js';
import { isBookingOpen, type ConcertEvent } from './catalog.js';
import type { BookingContext } from './context.js';

/**
 * The concert's events on sale now. The window is judged here, against the clock, so the list the
 * catalog returns (every event) can be cached without going stale when a window opens.
 */
export async function listAvailableEvents({
  ctx,
  input,
}: {
  ctx: Pick<BookingContext, 'catalog' | 'clock'>;
  input: { concertId: number };
}): Promise<ConcertEvent[]> {
  const concert = await ctx.catalog.findConcert(input.concertId);
  if (!concert) throw new DomainError('concert_not_found', `Concert ${input.concertId} does not exist.`);
  const now = ctx.clock.now();
  const events = await ctx.catalog.listEventsOfConcert(input.concertId);
  return events.filter((event) => isBookingOpen(event, now));
}
