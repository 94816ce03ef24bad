export {
  connectionsPerProcess,
  createDatabase,
  poolOptions,
  serverConnectionLimit,
  withTransaction,
  type Database,
  type DatabaseHandle,
  type Queryable,
  type Transaction,
} from './client.js';
export {
  DatabaseUnavailableError,
  describeDatabaseFailure,
  describeMissingTable,
  isDatabaseUnreachable,
  isDeadlock,
  isDuplicateKey,
  isLockWaitTimeout,
  isTransient,
} from './errors.js';
export { migrateDatabase, migrationsFolder } from './migrate.js';
export { demoCatalog, generatedCatalog, tieredPrice, type CatalogPlan } from './seed/catalogPlan.js';
export { insertCatalog, isCatalogEmpty, type SeedProgress, type SeedResult } from './seed/insertCatalog.js';
export * as schema from './schema/index.js';
export { booksRules, verifyBooks, type BooksViolation } from './operator/verifyBooks.js';
export {
  dbBookingContext,
  dbBookingStore,
  dbCatalogReader,
  dbEventsOnSale,
  dbExpiryStore,
  dbSeatInventory,
  type BookingStoreOptions,
} from './booking/index.js';
export { createWalletStore } from './wallet/walletStore.js';
export { dbRefundStore } from './refunds/refundStore.js';
export type { ChargeSettings } from './wallet/chargeWallets.js';
export { createIdempotencyStore } from './idempotency/idempotencyStore.js';
export { eventsWithAvailability, type EventAvailability } from './operator/eventAvailability.js';
export { activeHoldsOfEvent, type HoldFilter } from './operator/holdListing.js';
export { findReservation, reservationsOfUser, type ReservationDetail } from './operator/reservationLookup.js';
export { dbOutboxStore, type OutboxStoreOptions } from './outbox/outboxStore.js';
export { writeEvents } from './outbox/outboxRows.js';
export { dbWebhookStore } from './webhooks/webhookStore.js';
