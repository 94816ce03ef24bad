import { errorBody } from '@concert/contract';
import { retryAfterMs } from './retryPolicy.js';

/** The API answered with an error envelope: `code` is the API's error code, `status` the HTTP status. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
    /** What the API's Retry-After said (429 rate_limited, 503 outages): when a retry may succeed. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** The request never got an answer: connection refused, reset, DNS, or a timeout. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

/** The answer did not match the contract: the API and this SDK disagree. */
export class ContractError extends Error {
  override readonly name = 'ContractError';
}

export const isApiError = (error: unknown, code?: string): error is ApiError =>
  error instanceof ApiError && (code === undefined || error.code === code);

/** The ApiError of an answer that is not a success, from its parsed body (the error envelope, or anything else a proxy sent). */
export function apiErrorOf(response: Response, payload: unknown): ApiError {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  const retryAfter = retryAfterMs(response.headers.get('retry-after'));
  const retryAfterSeconds = retryAfter === undefined ? undefined : Math.ceil(retryAfter / 1_000);
  const parsed = errorBody.safeParse(payload);
  if (!parsed.success) return new ApiError(response.status, 'http_error', `HTTP ${response.status}`, payload, requestId, retryAfterSeconds);
  const { code, message, details } = parsed.data.error;
  return new ApiError(response.status, code, message, details, requestId, retryAfterSeconds);
}
