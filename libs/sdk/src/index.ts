export { ApiError, ContractError, isApiError, NetworkError } from './errors.js';
export { defaultRetryPolicy, type RetryPolicy } from './retryPolicy.js';
export { Transport, type CallOptions, type InputOf, type OutputOf, type TokenHolder, type TransportOptions } from './transport.js';
