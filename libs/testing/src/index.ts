export { createTestDatabase, testServerUrl, type TestDatabase } from '@concert/db/testing';
export { createConcert, createEventWithSeats, uniqueUserId, type EventOptions } from './factories.js';
export { gatewaySettings, TEST_QUEUE_TOKEN_SECRET, testConfig } from './testConfig.js';
export { createTestRedis, testRedisTarget, type TestRedis } from './testRedis.js';
export { createPendingReservation, type PendingReservationOptions } from './reservationFactory.js';
export { startIdentityProvider, TEST_AUDIENCE, TEST_ISSUER, type TestIdentityProvider } from './identityProvider.js';
