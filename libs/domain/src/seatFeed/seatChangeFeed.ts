/** What a seat is, as a seat map shows it: on sale, or taken by a hold, a reservation or a payment. */
export type SeatFeedState = 'available' | 'held' | 'reserved' | 'sold';

/** Seats of one event that have just become `state`, by a write that has committed. */
export interface SeatChange {
  concertEventId: number;
  seatIds: readonly number[];
  state: SeatFeedState;
}

/**
 * A change as subscribers receive it: numbered per event, 1, 2, 3… in the order the feed published
 * them, so a subscriber that missed some can ask for what came after the last it saw. `resync` says
 * the feed lost changes of the event (a publish failed after its commit): take a fresh seat map.
 */
export type SequencedSeatChange =
  | { sequence: number; kind: 'change'; seatIds: number[]; state: SeatFeedState }
  | { sequence: number; kind: 'resync' };

/** Ends a subscription. */
export type Unsubscribe = () => void;

/**
 * The live feed of seat changes, shared by every API process (Redis in production). Writers publish
 * after their transaction commits; each process subscribes once per event, whatever the number of
 * its watchers.
 */
export interface SeatChangeFeed {
  /** Never rejects: a change the feed cannot take is reported by the adapter, and its event resynced. */
  publish(change: SeatChange): Promise<void>;
  /** Resolves once the listener receives every change published from then on. */
  subscribe(concertEventId: number, listener: (change: SequencedSeatChange) => void): Promise<Unsubscribe>;
  /** The sequence of the event's last change (0 before the first). */
  lastSequence(concertEventId: number): Promise<number>;
  /** The changes after `sequence`, oldest first, or undefined when the feed no longer keeps them all. */
  changesSince(concertEventId: number, sequence: number): Promise<SequencedSeatChange[] | undefined>;
}

/** Without a feed (the operator CLI against MySQL alone): nothing is announced, nobody listens. */
export const noSeatChangeFeed: SeatChangeFeed = {
  publish: async () => undefined,
  subscribe: async () => () => undefined,
  lastSequence: async () => 0,
  changesSince: async () => [],
};

/** Tells the feed, after the commit, that these seats changed; nothing to say for no seats. */
export async function announceSeats(feed: SeatChangeFeed, change: SeatChange): Promise<void> {
  if (change.seatIds.length > 0) await feed.publish(change);
}
