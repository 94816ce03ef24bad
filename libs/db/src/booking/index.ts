import type { BookingContext, BookingRules, Clock } from '@concert/domain';
import type { Database } from '../client.js';
import { dbBookingStore } from './bookingStore.js';
import { dbCatalogReader } from './catalogReader.js';
import { dbExpiryStore } from './expiryStore.js';
import { dbSeatInventory } from './seatInventory.js';

export { dbBookingStore, dbCatalogReader, dbExpiryStore, dbSeatInventory };

/** Every booking port on MySQL. */
export function dbBookingContext(db: Database, clock: Clock, rules: BookingRules): BookingContext {
  return {
    catalog: dbCatalogReader(db),
    inventory: dbSeatInventory(db),
    store: dbBookingStore(db),
    expiry: dbExpiryStore(db),
    clock,
    rules,
  };
}
