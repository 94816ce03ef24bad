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
  cancellation: CancellationPolicy;
}

/** Whether and at what cost a buyer may cancel a paid reservation of an event. */
export interface CancellationPolicy {
  /** How long before the show a buyer may still cancel; null: buyers may not (an operator still may refund). */
  untilMinutesBefore: number | null;
  /** The fee kept: this percentage of the price plus `feeFixed`, never more than the price. */
  feePercent: number;
  feeFixed: number;
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

export interface OpenEvents {
  open: ConcertEvent[];
  /** The next instant at which some window opens or closes, so the `open` list changes; none if it never will. */
  nextChangeAt: Date | undefined;
}

/** When `event`'s open/closed state next changes after `now`: it opens just after its start (the bound is strict) and closes at its end. */
function nextChangeOf(event: ConcertEvent, now: number): number {
  const start = event.reservationStartAt.getTime();
  const end = event.reservationEndAt.getTime();
  if (now <= start) return start + 1;
  return now < end ? end : Number.POSITIVE_INFINITY;
}

/**
 * The events on sale at `now`, and until when that answer holds: a cache may keep the answer exactly
 * that long and never show a date whose window has since opened or closed.
 */
export function openEventsAt(events: readonly ConcertEvent[], now: Date): OpenEvents {
  const at = now.getTime();
  const next = Math.min(...events.map((event) => nextChangeOf(event, at)));
  return {
    open: events.filter((event) => isBookingOpen(event, now)),
    nextChangeAt: Number.isFinite(next) ? new Date(next) : undefined,
  };
}
