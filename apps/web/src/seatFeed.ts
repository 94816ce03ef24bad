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
  /** The whole map: every seat not listed is taken (held or sold, the feed does not say which). */
  onSnapshot(seats: FeedSeat[]): void;
  /** These seats, named by id, have become `state`. */
  onChange(seatIds: number[], state: SeatChangeState): void;
  /** A read failed; the feed has stopped when `stopped` is true (the buyer's admission ended). */
  onError(error: unknown, stopped: boolean): void;
}

/** How often the seat map is read again while it is open. */
const POLL_INTERVAL_MS = 2_000;

/**
 * The one way the storefront learns of an event's seats: a snapshot, then each change, until the
 * returned function is called. It reads the seats on sale every 2 s, each read a fresh snapshot.
 */
export function subscribeToSeats(api: ConcertClient, concertEventId: number, handlers: SeatFeedHandlers): () => void {
  const stop = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const read = async () => {
    try {
      const available = await api.listAvailableSeats({ concertEventId }, { signal: stop.signal });
      handlers.onSnapshot(available.map((seat) => ({ ...seat, available: true })));
    } catch (error) {
      if (stop.signal.aborted) return;
      const over = isAdmissionOver(error);
      handlers.onError(error, over);
      if (over) return;
    }
    if (!stop.signal.aborted) timer = setTimeout(read, POLL_INTERVAL_MS);
  };
  void read();
  return () => {
    stop.abort();
    clearTimeout(timer);
  };
}

/** 401 and 403: the token no longer lets this buyer read the map; reading again would not help. */
const isAdmissionOver = (error: unknown) =>
  typeof error === 'object' && error !== null && 'status' in error && (error.status === 401 || error.status === 403);
