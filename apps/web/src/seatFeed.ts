import type { ConcertClient } from '@concert/sdk';

export type AvailableSeat = Awaited<ReturnType<ConcertClient['listAvailableSeats']>>[number];

/** How often the seat map is read again while it is open. */
const POLL_INTERVAL_MS = 2_000;

export interface SeatFeedHandlers {
  /** The seats on sale now; every seat not listed is taken (held or sold). */
  onChange(available: AvailableSeat[]): void;
  /** A read failed; the feed stops when `stopped` is true (the buyer's admission ended). */
  onError(error: unknown, stopped: boolean): void;
}

/**
 * The one way the storefront learns of seat changes for an event: the seats on sale, then each
 * change, until the returned function is called. It reads the list every 2 s.
 */
export function subscribeToSeats(api: ConcertClient, concertEventId: number, handlers: SeatFeedHandlers): () => void {
  const stop = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const read = async () => {
    try {
      handlers.onChange(await api.listAvailableSeats({ concertEventId }, { signal: stop.signal }));
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

/** 401 and 403: the token no longer lets this buyer read the map; polling again would not help. */
const isAdmissionOver = (error: unknown) =>
  typeof error === 'object' && error !== null && 'status' in error && (error.status === 401 || error.status === 403);
