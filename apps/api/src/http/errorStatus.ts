import type { ErrorCode } from '@concert/domain';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The one mapping from domain codes to HTTP status. A Record, so a new code cannot be forgotten. */
export const errorStatus: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_request: 400,
  not_found: 404,
  concert_not_found: 404,
  concert_event_not_found: 404,
  occupation_not_found: 404,
  reservation_not_found: 404,
  booking_closed: 409,
  seat_unavailable: 409,
  seat_not_found: 404,
  seat_limit_exceeded: 409,
  occupation_expired: 409,
  occupation_not_active: 409,
  reservation_expired: 409,
  reservation_not_payable: 409,
  insufficient_balance: 409,
  balance_limit_exceeded: 409,
  idempotency_key_reused: 422,
  idempotency_request_in_progress: 409,
  token_missing: 401,
  token_invalid: 401,
  token_expired: 401,
  token_not_active: 403,
  identity_missing: 401,
  identity_invalid: 401,
  identity_mismatch: 403,
  identity_provider_unavailable: 503,
  queue_unavailable: 503,
};
