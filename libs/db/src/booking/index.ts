import { noSeatClaims, type BookingContext, type BookingRules, type Clock } from '@concert/domain';
import type { DatabaseHandle } from '../client.js';
import { dbBookingStore } from './bookingStore.js';
import { dbCatalogReader } from './catalogReader.js';
import { dbExpiryStore } from './expiryStore.js';
import { dbSeatInventory } from './seatInventory.js';

export { dbBookingStore, dbCatalogReader, dbExpiryStore, dbSeatInventory };

/** Every booking port on MySQL alone (no seat claims: the database decides every hold by itself). */
export function dbBookingContext(database: DatabaseHandle, clock: Clock, rules: BookingRules): BookingContext {
  const { db, pool } = database;
  return {
    catalog: dbCatalogReader(db),
    inventory: dbSeatInventory(db, pool),
    store: dbBookingStore(database),
    expiry: dbExpiryStore(database),
    claims: noSeatClaims,
    clock,
    rules,
  };
}
