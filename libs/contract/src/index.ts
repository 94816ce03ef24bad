export { dataEnvelope, errorBody, idParam, instant, listEnvelope, userId, type ErrorBody } from './envelope.js';
export { defineOperation, type Operation, type QueuePlaceCheck } from './operation.js';
export { deleteQueueToken, getQueueStatus, issueQueueToken, queuePlace } from './queue.js';
export {
  availableSeat,
  concert,
  concertEvent,
  listAvailableEventsOperation,
  listAvailableSeatsOperation,
  listConcertsOperation,
} from './catalog.js';
export { hold, occupyBody, occupyOperation, reservation, reserveBody, reserveOperation } from './booking.js';
export { chargeWallet, getWallet, listPayments, payReservation, payment, wallet, type PaymentBody } from './wallet.js';
export { idempotencyKeyHeaders } from './idempotency.js';
export { operations, type OperationId, type Operations } from './operations.js';
