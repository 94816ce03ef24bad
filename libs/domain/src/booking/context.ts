import type { SeatChangeFeed } from '../seatFeed/seatChangeFeed.js';
import type { ActiveSlotKeeper } from '../queue/activeSlotKeeper.js';
import type { Clock } from '../shared/clock.js';
import type { CatalogReader } from './catalog.js';
import type { BookingStore, ExpiryStore, SeatClaims, SeatInventory } from './ports.js';

export interface BookingRules {
  holdTtlSeconds: number;
  maxSeatsPerUser: number;
  /** 0: the reservation must be paid before the hold it came from would have expired. */
  paymentWindowSeconds: number;
  /** How long a won seat's claim turns other buyers away before the database is asked; 0: no claims. */
  seatClaimMs: number;
}

/** What the booking use cases run against: ports, the clock and the rules from config. */
export interface BookingContext {
  catalog: CatalogReader;
  inventory: SeatInventory;
  store: BookingStore;
  expiry: ExpiryStore;
  claims: SeatClaims;
  /** Told of every seat change after it commits: the live seat maps. */
  feed: SeatChangeFeed;
  /** The waiting room, told how long a buyer's hold or reservation keeps their active slot. */
  slots: ActiveSlotKeeper;
  clock: Clock;
  rules: BookingRules;
}
