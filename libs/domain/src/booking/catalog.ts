/** A concert as the catalog lists it. */
export interface Concert {
  id: number;
  title: string;
  singer: string;
  description: string;
}

/** One performance date of a concert, with the window in which its seats are on sale. */
export interface ConcertEvent {
  id: number;
  concertId: number;
  venue: string;
  startAt: Date;
  durationMinutes: number;
  reservationStartAt: Date;
  reservationEndAt: Date;
  maxSeatCount: number;
}

/**
 * The catalog, read-only and slow-changing: a port of its own so a cache decorator can wrap it
 * without the use cases noticing. Seat availability is NOT here: it changes every instant.
 */
export interface CatalogReader {
  listConcerts(): Promise<Concert[]>;
  findConcert(concertId: number): Promise<Concert | undefined>;
  /** Every event of the concert, whatever its window: the window is judged against the clock by the caller. */
  listEventsOfConcert(concertId: number): Promise<ConcertEvent[]>;
  findEvent(concertEventId: number): Promise<ConcertEvent | undefined>;
}

/** Seats are on sale strictly inside the event's booking window (the seed's `start < now < end`). */
export const isBookingOpen = (event: ConcertEvent, now: Date): boolean =>
  event.reservationStartAt.getTime() < now.getTime() && now.getTime() < event.reservationEndAt.getTime();
