import { DomainError } from '../shared/domainError.js';
import { openEventsAt, type OpenEvents } from './catalog.js';
import type { BookingContext } from './context.js';

/**
 * The concert's events on sale now, and when that list next changes (a window opens or closes), so
 * a cache of the answer can end exactly then instead of waiting for an invalidation.
 */
export async function listAvailableEvents({
  ctx,
  input,
}: {
  ctx: Pick<BookingContext, 'catalog' | 'clock'>;
  input: { concertId: number };
}): Promise<OpenEvents> {
  const concert = await ctx.catalog.findConcert(input.concertId);
  if (!concert) throw new DomainError('concert_not_found', `Concert ${input.concertId} does not exist.`);
  const events = await ctx.catalog.listEventsOfConcert(input.concertId);
  return openEventsAt(events, ctx.clock.now());
}
