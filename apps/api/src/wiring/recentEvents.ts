import type { CatalogReader, Clock, ConcertEvent } from '@concert/domain';

/**
 * How long an event row read for a booking call is reused. Every seats, hold and reserve call reads
 * its event (to check the booking window); in a sale they are all the same row, and an event's window
 * is set when it is created. The window itself is still judged against the clock on every call.
 */
const EVENT_TTL_MS = 1_000;

/** The catalog, with `findEvent` answered from the rows read in the last second (found events only). */
export function withRecentEvents(catalog: CatalogReader, clock: Clock): CatalogReader {
  const recent = new Map<number, { event: ConcertEvent; readAt: number }>();
  return {
    ...catalog,
    async findEvent(concertEventId) {
      const now = clock.now().getTime();
      const hit = recent.get(concertEventId);
      if (hit && now - hit.readAt < EVENT_TTL_MS) return hit.event;
      const event = await catalog.findEvent(concertEventId);
      if (event) recent.set(concertEventId, { event, readAt: now });
      else recent.delete(concertEventId);
      return event;
    },
  };
}
