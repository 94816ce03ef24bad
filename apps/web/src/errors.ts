import { ApiError, ContractError, NetworkError } from '@concert/sdk';
import { seatsText } from './format.js';

/** What a buyer reads for each API error code; the API's own message is used for the others. */
const sentences: Record<string, string> = {
  seat_unavailable: 'Sorry, someone else just took {seats}. Please pick other seats.',
  seat_limit_exceeded: 'You already hold or have bought as many seats for this date as one buyer may.',
  seat_not_found: 'That seat does not exist for this date.',
  booking_closed: 'Sales for this date are closed.',
  occupation_expired: 'Your hold ran out and its seats went back on sale. Please choose again.',
  occupation_not_active: 'This hold is over: it was reserved, released or ran out.',
  occupation_not_found: 'This hold no longer exists.',
  reservation_expired: 'The time to pay ran out and the seats went back on sale.',
  reservation_not_payable: 'This reservation can no longer be paid.',
  reservation_not_found: 'This reservation was not found.',
  reservation_not_cancellable: 'This reservation is already cancelled or expired.',
  cancellation_closed: 'This purchase can no longer be cancelled: the deadline has passed.',
  insufficient_balance: 'Your wallet balance is too low for this payment. Top up, then pay again.',
  balance_limit_exceeded: 'That top-up would take the wallet past its limit.',
  token_not_active: 'It is not your turn yet: please wait in the waiting room.',
  token_expired: 'Your turn in the sale has ended. Join the waiting room again to continue.',
  token_invalid: 'Your place in the sale is no longer valid. Join the waiting room again.',
  token_missing: 'Join the waiting room first.',
  rate_limited: 'Too many requests at once. Please wait a few seconds and try again.',
  queue_unavailable: 'The waiting room is briefly unavailable. Please try again in a moment.',
  concert_event_not_found: 'This date is no longer on sale.',
  concert_not_found: 'This concert is no longer on sale.',
};

/**
 * A sentence for the buyer from whatever a call threw. `seatNumberOf` names seats the API refers to
 * by id (a taken seat), so the buyer reads the seat numbers they see on the map.
 */
export function explain(error: unknown, seatNumberOf: (seatId: number) => number | undefined = () => undefined): string {
  if (error instanceof ApiError) {
    const sentence = sentences[error.code];
    if (!sentence) return error.message;
    return sentence.replace('{seats}', takenSeats(error.details, seatNumberOf));
  }
  if (error instanceof NetworkError) return 'The ticket service cannot be reached. Check your connection and try again.';
  if (error instanceof ContractError) return 'The ticket service answered something unexpected. Please reload the page.';
  return error instanceof Error ? error.message : String(error);
}

function takenSeats(details: unknown, seatNumberOf: (seatId: number) => number | undefined): string {
  const ids = typeof details === 'object' && details !== null && 'seatIds' in details && Array.isArray(details.seatIds) ? details.seatIds : [];
  const numbers = ids.map((id) => (typeof id === 'number' ? seatNumberOf(id) : undefined)).filter((n) => n !== undefined);
  if (numbers.length === 0) return 'a seat you chose';
  return seatsText(numbers);
}
