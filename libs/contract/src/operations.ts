import { getBookingRulesOperation } from './bookingRules.js';
import { occupySeatsOperation, reserveHoldOperation } from './booking.js';
import { cancelReservationOperation, releaseHoldOperation } from './cancellation.js';
import { listAvailableEventsOperation, listAvailableSeatsOperation, listConcertsOperation } from './catalog.js';
import { deleteQueueTokenOperation, getQueueStatusOperation, issueQueueTokenOperation } from './queue.js';
import { chargeWalletOperation, getWalletOperation, listPaymentsOperation, payReservationOperation } from './wallet.js';

/**
 * Every public operation, keyed by its operationId. The SDK makes one method per entry, so a new
 * operation reaches it by being listed here; the API's test compares this map with /openapi.json.
 */
export const operations = {
  issueQueueToken: issueQueueTokenOperation,
  getQueueStatus: getQueueStatusOperation,
  deleteQueueToken: deleteQueueTokenOperation,
  listConcerts: listConcertsOperation,
  listAvailableEvents: listAvailableEventsOperation,
  listAvailableSeats: listAvailableSeatsOperation,
  getBookingRules: getBookingRulesOperation,
  occupySeats: occupySeatsOperation,
  reserveHold: reserveHoldOperation,
  getWallet: getWalletOperation,
  chargeWallet: chargeWalletOperation,
  listPayments: listPaymentsOperation,
  payReservation: payReservationOperation,
  releaseHold: releaseHoldOperation,
  cancelReservation: cancelReservationOperation,
} as const;

export type Operations = typeof operations;
export type OperationId = keyof Operations;
