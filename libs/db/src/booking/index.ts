import { keepNoSlots, noSeatChangeFeed, noSeatClaims, type BookingContext, type BookingRules, type Clock } from '@concert/domain';
import type { DatabaseHandle } from '../client.js';
import { dbBookingStore } from './bookingStore.js';
import { dbCatalogReader } from './catalogReader.js';
import { dbEventsOnSale } from './eventsOnSale.js';
import { dbExpiryStore } from './expiryStore.js';
import { dbSeatInventory } from './seatInventory.js';

export { dbBookingStore, dbCatalogReader, dbEventsOnSale, dbExpiryStore, dbSeatInventory };
export type { BookingStoreOptions } from './bookingStore.js';

/** Every booking port on MySQL alone (no seat claims: the database decides every hold by itself; no waiting room to keep slots in). */
export function dbBookingContext(database: DatabaseHandle, clock: Clock, rules: BookingRules): BookingContext {
  return {
    catalog: dbCatalogReader(database.db),
    inventory: dbSeatInventory(database),
    store: dbBookingStore(database),
    expiry: dbExpiryStore(database),
    claims: noSeatClaims,
    feed: noSeatChangeFeed,
    slots: keepNoSlots,
    clock,
    rules,
  };
}
