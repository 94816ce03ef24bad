import type { Clock } from '../shared/clock.js';
import type { CatalogReader } from './catalog.js';
import type { BookingStore, ExpiryStore, SeatInventory } from './ports.js';

export interface BookingRules {
  holdTtlSeconds: number;
  maxSeatsPerUser: number;
  /** 0: the reservation must be paid before the hold it came from would have expired. */
  paymentWindowSeconds: number;
}

/** What the booking use cases run against: ports, the clock and the rules from config. */
export interface BookingContext {
  catalog: CatalogReader;
  inventory: SeatInventory;
  store: BookingStore;
  expiry: ExpiryStore;
  clock: Clock;
  rules: BookingRules;
}
