import { listAvailableSeatsOperation } from '@concert/contract';
import { listAvailableSeats, type Seat } from '@concert/domain';
import { defineRoute } from '../../http/defineRoute.js';

const utf8 = new TextEncoder();

/**
 * The answer's bytes, encoded once per list read: concurrent callers of one event share a read (the
 * inventory coalesces them), so they share its thousands of serialised seats too.
 */
const encoded = new WeakMap<readonly Seat[], Uint8Array<ArrayBuffer>>();
function bodyOf(seats: readonly Seat[]) {
  let bytes = encoded.get(seats);
  if (!bytes) {
    bytes = utf8.encode(JSON.stringify({ list: seats }));
    encoded.set(seats, bytes);
  }
  return bytes;
}

export const listAvailableSeatsRoute = defineRoute(listAvailableSeatsOperation, ({ booking }) => async (c) => {
  const { concertEventId } = c.req.valid('param');
  const seats = await listAvailableSeats({ ctx: booking, input: { concertEventId } });
  return c.body(bodyOf(seats), 200, { 'Content-Type': 'application/json' });
});
