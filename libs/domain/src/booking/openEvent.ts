import { DomainError } from '../shared/domainError.js';
import { isBookingOpen, type CatalogReader, type ConcertEvent } from './catalog.js';

/** The event, if it exists (404 otherwise) and its booking window contains `now` (409 otherwise). */
export async function openEvent(catalog: CatalogReader, concertEventId: number, now: Date): Promise<ConcertEvent> {
  const event = await catalog.findEvent(concertEventId);
  if (!event) {
    throw new DomainError('concert_event_not_found', `Concert event ${concertEventId} does not exist.`);
  }
  if (!isBookingOpen(event, now)) {
    throw new DomainError('booking_closed', `Concert event ${concertEventId} is not on sale now.`, {
      reservationStartAt: event.reservationStartAt.toISOString(),
      reservationEndAt: event.reservationEndAt.toISOString(),
    });
  }
  return event;
}
