export {
  createConcertClient,
  type ConcertClient,
  type ConcertClientOptions,
  type ConcertMethods,
  type Method,
  type ResultOf,
} from './client.js';
export { ApiError, ContractError, isApiError, NetworkError } from './errors.js';
export { defaultRetryPolicy, type RetryPolicy } from './retryPolicy.js';
export { Transport, type CallOptions, type InputOf, type OutputOf, type TokenHolder, type TransportOptions } from './transport.js';
export { nextPollDelay, type PollIntervals, type QueuePlace, type QueueStatus, type WaitOptions } from './waitUntilActive.js';
export { sseParser, type SseEvent } from './sseParser.js';
export { type SeatChange, type SeatSnapshot, type StreamTransport, type WatchSeatsOptions } from './watchSeats.js';
