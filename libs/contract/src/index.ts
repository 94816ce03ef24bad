export { dataEnvelope, errorBody, instant, listEnvelope, type ErrorBody } from './envelope.js';
export { id, idParam, userId, userIdParam } from './ids.js';
export { defineOperation, type Operation, type QueuePlaceCheck, type ShedClass } from './operation.js';
export { deleteQueueTokenOperation, getQueueStatusOperation, issueQueueTokenOperation, queuePlace, queueStatusAnswer } from './queue.js';
export {
  availableSeat,
  concert,
  concertEvent,
  listAvailableEventsOperation,
  listAvailableSeatsOperation,
  listConcertsOperation,
} from './catalog.js';
export { bookingRules, getBookingRulesOperation } from './bookingRules.js';
export { hold, occupyBody, occupySeatsOperation, reservation, reserveBody, reserveHoldOperation } from './booking.js';
export {
  chargeWalletOperation,
  getWalletOperation,
  listPaymentsOperation,
  payment,
  payReservationOperation,
  wallet,
  type PaymentBody,
} from './wallet.js';
export { cancellation, cancelReservationOperation, refund, releaseHoldOperation } from './cancellation.js';
export { idempotencyKeyHeaders } from './idempotency.js';
export { operations, type OperationId, type Operations } from './operations.js';
export { actingUserInputs, type ActingUserInput } from './actingUser.js';
export {
  lastEventIdHeaders,
  seatChange,
  seatMapSeat,
  seatSnapshot,
  seatState,
  seatStreamEvents,
  streamOperations,
  streamSeatsOperation,
} from './seatStream.js';
export { domainEventEnvelope, eventPayloads, type DomainEventEnvelope } from './events.js';
