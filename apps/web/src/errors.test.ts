import { ApiError, NetworkError } from '@concert/sdk';
import { describe, expect, it } from 'vitest';
import { explain } from './errors.js';

describe('explain', () => {
  const seatNumbers = new Map([
    [101, 7],
    [102, 8],
  ]);
  const seatNumberOf = (seatId: number) => seatNumbers.get(seatId);

  it('names the taken seats by the numbers the buyer sees on the map', () => {
    const taken = new ApiError(409, 'seat_unavailable', 'Seats 101, 102 are not available.', { seatIds: [101, 102] });
    expect(explain(taken, seatNumberOf)).toBe('Sorry, someone else just took seats 7, 8. Please pick other seats.');
    const one = new ApiError(409, 'seat_unavailable', 'Seat 101 is not available.', { seatIds: [101] });
    expect(explain(one, seatNumberOf)).toBe('Sorry, someone else just took seat 7. Please pick other seats.');
  });

  it('reads a code it has no sentence for as the API wrote it, and a lost connection as such', () => {
    expect(explain(new ApiError(400, 'invalid_request', 'Invalid request: check amount.'))).toBe('Invalid request: check amount.');
    expect(explain(new NetworkError('fetch failed'))).toMatch(/cannot be reached/);
  });
});
