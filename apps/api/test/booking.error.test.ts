import { schema } from '@concert/db';
import { manualClock } from '@concert/domain';
import { createEventWithSeats, uniqueUserId } from '@concert/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingFixture, type BookingFixture } from './support/bookingFixture.js';
import { seatBooks } from './support/booking.js';
import { activeToken } from './support/queue.js';

describe('catalog, hold and reserve: errors', () => {
  const clock = manualClock(new Date());
  let f: BookingFixture;
  let token: string;

  const heldSeats = async (concertEventId: number) =>
    (await f.t.database.db.select().from(schema.occupation).where(eq(schema.occupation.concertEventId, concertEventId)))
      .length;

  beforeAll(async () => {
    f = await bookingFixture(
      // The clock moves past a hold's deadline and the buyer then acts with the same token: an idle
      // slot must outlast that (the default 60 s would end it first).
      { QUEUE_MAX_ACTIVE_USERS: '100', HOLD_MAX_SEATS_PER_USER: '2', QUEUE_IDLE_TIMEOUT_SECONDS: '600' },
      clock,
      { seats: 8 },
    );
    token = await activeToken(f.t.app, uniqueUserId());
  });
  afterAll(() => f.t.destroy());

  it('answers unknown concerts and events with 404 and their own codes', async () => {
    expect(await f.api.events(token, 999_999)).toMatchObject({ status: 404, error: { code: 'concert_not_found' } });
    expect(await f.api.seats(token, 999_999)).toMatchObject({ status: 404, error: { code: 'concert_event_not_found' } });
    expect(await f.api.occupy(token, 999_999, { seatId: 1 })).toMatchObject({
      status: 404,
      error: { code: 'concert_event_not_found' },
    });
    expect(await f.api.occupy(token, f.event.id, { seatId: 999_999 })).toMatchObject({
      status: 404,
      error: { code: 'seat_not_found', details: { seatIds: [999_999] } },
    });
  });

  it('holds nothing when one of the seats asked for is not a seat of the event', async () => {
    const event = await createEventWithSeats(f.t.database.db, f.concertId, { now: clock.now(), seats: 2 });
    const [known] = event.seats.map((seat) => seat.id);
    expect(await f.api.occupy(token, event.id, { seatIds: [known ?? 0, f.event.seats[0]?.id ?? 0] })).toMatchObject({
      status: 404,
      error: { code: 'seat_not_found', details: { seatIds: [f.event.seats[0]?.id] } },
    });
    expect(await seatBooks(f.t.database.db, event.id)).toMatchObject({ total: 2, held: 0, available: 2 });
  });

  it('refuses seats and holds outside the booking window with 409 booking_closed', async () => {
    for (const window of ['closed', 'not_yet_open'] as const) {
      const shut = await createEventWithSeats(f.t.database.db, f.concertId, { now: clock.now(), window, seats: 1 });
      expect(await f.api.seats(token, shut.id)).toMatchObject({ status: 409, error: { code: 'booking_closed' } });
      expect(await f.api.occupy(token, shut.id, { seatId: shut.seats[0]?.id })).toMatchObject({
        status: 409,
        error: { code: 'booking_closed' },
      });
      expect(await heldSeats(shut.id)).toBe(0);
    }
  });

  it.each([
    ['an empty body', {}, 'seatId'],
    ['both seatId and seatIds', { seatId: 1, seatIds: [2] }, 'seatId'],
    ['a string seat id', { seatId: '1' }, 'seatId'],
    ['a negative seat id', { seatId: -3 }, 'seatId'],
    ['a fractional seat id', { seatId: 1.5 }, 'seatId'],
    ['a huge seat id', { seatId: 1e300 }, 'seatId'],
    ['an empty seat list', { seatIds: [] }, 'seatIds'],
  ])('answers a hold with %s with 400 invalid_request naming %s, and holds nothing', async (_, body, field) => {
    const answer = await f.api.occupy(token, f.event.id, body);
    expect(answer.status).toBe(400);
    expect(answer.error?.code).toBe('invalid_request');
    expect(JSON.stringify(answer.error?.details)).toContain(field);
    expect(await heldSeats(f.event.id)).toBe(0);
  });

  it('answers malformed JSON and bad path ids with 400, never 500', async () => {
    expect((await f.api.occupy(token, f.event.id, '{"seatId": ')).status).toBe(400);
    expect((await f.api.reserve(token, f.event.id, 'nope')).status).toBe(400);
    expect(await f.api.seats(token, 'abc')).toMatchObject({ status: 400, error: { code: 'invalid_request' } });
    expect(await f.api.reserve(token, f.event.id, { occupationId: 'x' })).toMatchObject({
      status: 400,
      error: { code: 'invalid_request' },
    });
    expect(await heldSeats(f.event.id)).toBe(0);
  });

  it('names the taken seats, holds none of the others, and caps seats per user', async () => {
    const [a, b, c, d] = f.event.seats.map((seat) => seat.id);
    const other = await activeToken(f.t.app, uniqueUserId());
    expect((await f.api.occupy(other, f.event.id, { seatId: b })).status).toBe(200);
    expect(await f.api.occupy(token, f.event.id, { seatIds: [a, b] })).toMatchObject({
      status: 409,
      error: { code: 'seat_unavailable', details: { seatIds: [b] } },
    });
    expect((await f.api.seats(token, f.event.id)).list?.map((seat) => seat.id)).toContain(a);

    expect((await f.api.occupy(token, f.event.id, { seatIds: [a, c] })).status).toBe(200);
    expect(await f.api.occupy(token, f.event.id, { seatId: d })).toMatchObject({
      status: 409,
      error: { code: 'seat_limit_exceeded' },
    });
    expect(await f.api.occupy(token, f.event.id, { seatIds: f.event.seats.slice(4, 7).map((seat) => seat.id) })).toMatchObject({
      status: 409,
      error: { code: 'seat_limit_exceeded' },
    });
  });

  it('refuses to reserve a hold past its deadline even before the sweeper runs', async () => {
    const userToken = await activeToken(f.t.app, uniqueUserId());
    const held = await f.api.occupy(userToken, f.event.id, { seatId: f.event.seats[7]?.id });
    expect(held.status).toBe(200);
    clock.advance(300_000);
    expect(await f.api.reserve(userToken, f.event.id, { occupationId: held.data?.id })).toMatchObject({
      status: 409,
      error: { code: 'occupation_expired' },
    });
    expect(await f.api.reserve(userToken, f.event.id, { occupationId: 999_999 })).toMatchObject({
      status: 404,
      error: { code: 'occupation_not_found' },
    });
  });
});
