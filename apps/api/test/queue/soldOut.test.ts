import { manualClock } from '@concert/domain';
import { createEventWithSeats, uniqueUserId } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingFixture, type BookingFixture } from '../support/bookingFixture.js';
import { activeToken } from '../support/queue.js';
import { queueCalls } from '../support/queueCalls.js';

describe('sold out is told: the status answer lists the events still on sale', () => {
  const clock = manualClock();
  let fixture: BookingFixture;
  let closedEventId: number;
  beforeAll(async () => {
    fixture = await bookingFixture({ QUEUE_MAX_ACTIVE_USERS: '1', HOLD_SEAT_CLAIM_MS: '0' }, clock, { seats: 2 });
    closedEventId = (await createEventWithSeats(fixture.t.database.db, fixture.concertId, { now: clock.now(), window: 'closed' })).id;
  });
  afterAll(() => fixture.t.destroy());

  it('tells a waiting buyer when their event sells out, and nothing else changes in the answer', async () => {
    const { t, api, event } = fixture;
    const buyer = await activeToken(t.app, uniqueUserId());
    const waiter = (await queueCalls(t.app).enter(uniqueUserId())).body.data?.token ?? '';
    const status = async () => (await t.app.request('/api/v1/queue/status', { headers: { 'User-Token': waiter } })).json();

    expect(await status()).toEqual({ data: { status: 'WAITING', position: 1, estimatedWaitingTime: expect.any(Number), eventsOnSale: [event.id] } });
    expect(closedEventId).not.toBe(event.id);

    const seatIds = event.seats.map((seat) => seat.id);
    expect((await api.occupy(buyer, event.id, { seatIds })).status).toBe(200);
    // The answer may be a second old: within it the last read stands, after it the sale is over.
    expect(await status()).toMatchObject({ data: { eventsOnSale: [event.id] } });
    clock.advance(1_000);
    expect(await status()).toMatchObject({ data: { status: 'WAITING', position: 1, eventsOnSale: [] } });
  });
});
