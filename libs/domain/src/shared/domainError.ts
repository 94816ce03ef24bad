/**
 * Every expected failure a use case can report. The HTTP edge maps each code to a status once
 * (apps/api/src/http/errorStatus.ts); adding a code here without a mapping is a type error there.
 */
export type ErrorCode =
  | 'invalid_request'
  | 'not_found'
  | 'concert_not_found'
  | 'concert_event_not_found'
  | 'occupation_not_found'
  | 'reservation_not_found'
  | 'booking_closed'
  | 'seat_unavailable'
  | 'seat_not_found'
  | 'seat_limit_exceeded'
  | 'occupation_expired'
  | 'occupation_not_active'
  | 'reservation_expired'
  | 'reservation_not_payable'
  | 'reservation_not_cancellable'
  | 'cancellation_closed'
  | 'reservation_not_paid'
  | 'refund_exceeds_payment'
  | 'insufficient_balance'
  | 'balance_limit_exceeded'
  | 'idempotency_key_reused'
  | 'idempotency_request_in_progress'
  | 'token_missing'
  | 'token_invalid'
  | 'token_expired'
  | 'token_not_active'
  | 'identity_missing'
  | 'identity_invalid'
  | 'identity_mismatch'
  | 'identity_provider_unavailable'
  | 'queue_unavailable'
  | 'seat_feed_unavailable';

/** An expected outcome that is not a success: seat taken, balance too low, not admitted yet. */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
