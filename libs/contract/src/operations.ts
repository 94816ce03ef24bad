import { occupyOperation, reserveOperation } from './booking.js';
import { listAvailableEventsOperation, listAvailableSeatsOperation, listConcertsOperation } from './catalog.js';
import { deleteQueueToken, getQueueStatus, issueQueueToken } from './queue.js';
import { chargeWallet, getWallet, listPayments, payReservation } from './wallet.js';

/**
 * Every public operation, keyed by its operationId. The SDK makes one method per entry, so a new
 * operation reaches it by being listed here; the API's test compares this map with /openapi.json.
 */
export const operations = {
  issueQueueToken,
  getQueueStatus,
  deleteQueueToken,
  listConcerts: listConcertsOperation,
  listAvailableEvents: listAvailableEventsOperation,
  listAvailableSeats: listAvailableSeatsOperation,
  occupySeats: occupyOperation,
  reserveHold: reserveOperation,
  getWallet,
  chargeWallet,
  listPayments,
  payReservation,
} as const;

export type Operations = typeof operations;
export type OperationId = keyof Operations;
