export { manualClock, systemClock, type Clock } from './shared/clock.js';
export { DomainError, isDomainError, type ErrorCode } from './shared/domainError.js';
export type { ActiveSlotReleaser } from './queue/activeSlotReleaser.js';
export { keepNoSlots, type ActiveSlotKeeper } from './queue/activeSlotKeeper.js';
export { assertIdentity } from './shared/identity.js';
export { estimateWaitSeconds } from './queue/estimateWait.js';
export { enterQueue, type EnterQueueInput } from './queue/enterQueue.js';
export { checkQueueToken, type TokenInput } from './queue/checkQueueToken.js';
export { leaveQueue } from './queue/leaveQueue.js';
export { passQueueGate, type GateInput, type QueueUser } from './queue/passQueueGate.js';
export { pollQueueStatus, type QueueStatusAnswer } from './queue/pollQueueStatus.js';
export type { EventsOnSale } from './queue/eventsOnSale.js';
export { admitQueueNow } from './queue/admitQueueNow.js';
export {
  DECREASE_FACTOR,
  INCREASE_SHARE,
  MIN_HEALTH_SAMPLES,
  nextAdmissionRate,
  type AdmissionControl,
  type AdmissionDecision,
  type AdmissionLimits,
  type AdmissionReason,
  type AdmissionState,
  type PurchaseHealth,
} from './queue/admissionControl.js';
export { adjustAdmissionRate } from './queue/adjustAdmissionRate.js';
export { explainAdmission } from './queue/explainAdmission.js';
export type { QueueConsole, QueueSnapshot } from './queue/queueConsole.js';
export { readQueueStatus, type QueueStatus } from './queue/readQueueStatus.js';
export type { QueuePlace } from './queue/queueAnswer.js';
export type { QueueContext } from './queue/queueContext.js';
export type { QueuePolicy } from './queue/queuePolicy.js';
export type { QueueEntry, QueueStore, QueueView } from './queue/queueStore.js';
export type { TokenSigner } from './queue/tokenSigner.js';
export * from './booking/index.js';
export * from './seatFeed/index.js';
export type { WarningLog } from './shared/warningLog.js';
export type {
  IdempotencyRecord,
  IdempotencyScope,
  IdempotencySeal,
  IdempotencyStore,
  IdempotentCompletion,
  IdempotentOutcome,
} from './idempotency/idempotencyStore.js';
export { IN_FLIGHT_LEASE_MS, runIdempotently, type IdempotencyContext } from './idempotency/runIdempotently.js';
export { purgeIdempotencyKeys } from './idempotency/purgeIdempotencyKeys.js';
export type {
  ChargeOutcome,
  Credit,
  LedgerEntry,
  PayableReservation,
  Payment,
  PaymentAttempt,
  WalletStore,
} from './wallet/walletStore.js';
export { chargeWallet, type ChargeWalletContext, type ChargeWalletInput, type WalletView } from './wallet/chargeWallet.js';
export { viewWallet } from './wallet/viewWallet.js';
export { listPayments, PAYMENT_HISTORY_LIMIT } from './wallet/listPayments.js';
export {
  payReservation,
  type PayReservationContext,
  type PayReservationInput,
} from './wallet/payReservation.js';
export { cancellationDeadline, cancellationFee } from './refunds/cancellationPolicy.js';
export { cancelReservation, type Cancellation, type CancelReservationInput } from './refunds/cancelReservation.js';
export { refundPayment, type OperatorRefund, type RefundPaymentInput } from './refunds/refundPayment.js';
export type { RefundContext } from './refunds/refundContext.js';
export type { Refund, RefundableReservation, RefundOutcome, RefundRequest, RefundStore } from './refunds/refundStore.js';
export * from './domainEvents/index.js';
export * from './webhooks/index.js';
