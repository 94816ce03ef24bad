import { schema } from '@concert/db';
import { manualClock } from '@concert/domain';
import { createEventWithSeats, uniqueUserId } from '@concert/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingFixture, type BookingFixture } from './support/bookingFixture.js';
import { activeToken } from './support/queue.js';

describe('catalog, hold and reserve: errors', () => {
  const clock = manualClock(new Date());
  let t: BookingFixture['t'];
  let api: BookingFixture['api'];
  let concertId: number;
  let event: BookingFixture['event'];
  let token: string;

  const heldSeats = async (concertEventId: number) =>
    (await t.database.db.select().from(schema.occupation).where(eq(schema.occupation.concertEventId, concertEventId)))
      .length;

  beforeAll(async () => {
    ({ t, api, concertId, event } = await bookingFixture(
      { QUEUE_MAX_ACTIVE_USERS: '100', HOLD_MAX_SEATS_PER_USER: '2' },
      clock,
      { seats: 8 },
    ));
    token = await activeToken(t.app, uniqueUserId());
  });
  afterAll(() => t.destroy());

  it('answers unknown concerts and events with 404 and their own codes', async () => {
    expect(await api.events(token, 999_999)).toMatchObject({ status: 404, error: { code: 'concert_not_found' } });
    expect(await api.seats(token, 999_999)).toMatchObject({ status: 404, error: { code: 'concert_event_not_found' } });
    expect(await api.occupy(token, 999_999, { seatId: 1 })).toMatchObject({
      status: 404,
      error: { code: 'concert_event_not_found' },
    });
    expect(await api.occupy(token, event.id, { seatId: 999_999 })).toMatchObject({
      status: 404,
      error: { code: 'seat_not_found', details: { seatIds: [999_999] } },
    });
  });

  it('refuses seats and holds outside the booking window with 409 booking_closed', async () => {
    for (const window of ['closed', 'not_yet_open'] as const) {
      const shut = await createEventWithSeats(t.database.db, concertId, { now: clock.now(), window, seats: 1 });
      expect(await api.seats(token, shut.id)).toMatchObject({ status: 409, error: { code: 'booking_closed' } });
      expect(await api.occupy(token, shut.id, { seatId: shut.seats[0]?.id })).toMatchObject({
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
    const answer = await api.occupy(token, event.id, body);
    expect(answer.status).toBe(400);
    expect(answer.error?.code).toBe('invalid_request');
    expect(JSON.stringify(answer.error?.details)).toContain(field);
    expect(await heldSeats(event.id)).toBe(0);
  });

  it('answers malformed JSON and bad path ids with 400, never 500', async () => {
    expect((await api.occupy(token, event.id, '{"seatId": ')).status).toBe(400);
    expect((await api.reserve(token, event.id, 'nope')).status).toBe(400);
    expect(await api.seats(token, 'abc')).toMatchObject({ status: 400, error: { code: 'invalid_request' } });
    expect(await api.reserve(token, event.id, { occupationId: 'x' })).toMatchObject({
      status: 400,
      error: { code: 'invalid_request' },
    });
    expect(await heldSeats(event.id)).toBe(0);
  });

  it('names the taken seats, holds none of the others, and caps seats per user', async () => {
    const [a, b, c, d] = event.seats.map((seat) => seat.id);
    const other = await activeToken(t.app, uniqueUserId());
    expect((await api.occupy(other, event.id, { seatId: b })).status).toBe(200);
    expect(await api.occupy(token, event.id, { seatIds: [a, b] })).toMatchObject({
      status: 409,
      error: { code: 'seat_unavailable', details: { seatIds: [b] } },
    });
    expect((await api.seats(token, event.id)).list?.map((seat) => seat.id)).toContain(a);

    expect((await api.occupy(token, event.id, { seatIds: [a, c] })).status).toBe(200);
    expect(await api.occupy(token, event.id, { seatId: d })).toMatchObject({
      status: 409,
      error: { code: 'seat_limit_exceeded' },
    });
    expect(await api.occupy(token, event.id, { seatIds: event.seats.slice(4, 7).map((seat) => seat.id) })).toMatchObject({
      status: 409,
      error: { code: 'seat_limit_exceeded' },
    });
  });

  it('refuses to reserve a hold past its deadline even before the sweeper runs', async () => {
    const userToken = await activeToken(t.app, uniqueUserId());
    const held = await api.occupy(userToken, event.id, { seatId: event.seats[7]?.id });
    expect(held.status).toBe(200);
    clock.advance(300_000);
    expect(await api.reserve(userToken, event.id, { occupationId: held.data?.id })).toMatchObject({
      status: 409,
      error: { code: 'occupation_expired' },
    });
    expect(await api.reserve(userToken, event.id, { occupationId: 999_999 })).toMatchObject({
      status: 404,
      error: { code: 'occupation_not_found' },
    });
  });
});
