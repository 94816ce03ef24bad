import type { ConcertClient } from '@concert/sdk';

/** A seat as the feed reports it: what it sells for, and whether it is on sale. */
export interface FeedSeat {
  id: number;
  seatNumber: number;
  price: number;
  available: boolean;
}

/** What a change made of some seats: back on sale, or taken by a hold, a reservation or a payment. */
export type SeatChangeState = 'available' | 'held' | 'reserved' | 'sold';

export interface SeatFeedHandlers {
  /** The whole map: first, and again whenever the feed could not resume where it left off. */
  onSnapshot(seats: FeedSeat[]): void;
  /** These seats, named by id, have just become `state`. */
  onChange(seatIds: number[], state: SeatChangeState): void;
  /** The feed has stopped for good: the API refused it (the buyer's admission ended, the sale closed). */
  onError(error: unknown): void;
}

/**
 * The one way the storefront learns of an event's seats: a snapshot, then each committed change,
 * until the returned function is called. It follows the API's live seat stream through the SDK's
 * watchSeats, which reconnects by itself after a lost connection.
 */
export function subscribeToSeats(api: ConcertClient, concertEventId: number, handlers: SeatFeedHandlers): () => void {
  const stop = new AbortController();
  api
    .watchSeats(concertEventId, {
      signal: stop.signal,
      onSnapshot: (snapshot) => handlers.onSnapshot(snapshot.seats),
      onChange: (change) => handlers.onChange(change.seatIds, change.state),
    })
    .catch((error: unknown) => {
      if (!stop.signal.aborted) handlers.onError(error);
    });
  return () => stop.abort();
}
