import { manualClock } from '@concert/domain';
import { createEventWithSeats, uniqueUserId } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startExpirySweeper } from '../src/jobs/expirySweeper.js';
import { bookingContext } from '../src/wiring/booking.js';
import { bookingFixture, type BookingFixture } from './support/bookingFixture.js';
import { activeToken } from './support/queue.js';

describe('catalog, hold and reserve: the happy path', () => {
  const clock = manualClock(new Date());
  let t: BookingFixture['t'];
  let api: BookingFixture['api'];
  let concertId: number;
  let event: BookingFixture['event'];

  beforeAll(async () => {
    ({ t, api, concertId, event } = await bookingFixture({ QUEUE_MAX_ACTIVE_USERS: '100' }, clock, {
      seats: 6,
      price: 5_000,
    }));
    await createEventWithSeats(t.database.db, concertId, { now: clock.now(), window: 'closed' });
    await createEventWithSeats(t.database.db, concertId, { now: clock.now(), window: 'not_yet_open' });
  });
  afterAll(() => t.destroy());

  it('lists concerts without a token, and only the events on sale now', async () => {
    const concerts = await api.concerts();
    expect(concerts.status).toBe(200);
    expect(concerts.list).toContainEqual({
      id: concertId,
      title: 'Booking concert',
      singer: 'Test singer',
      description: 'A concert made by a test.',
    });
    const token = await activeToken(t.app, uniqueUserId());
    const events = await api.events(token, concertId);
    expect(events.status).toBe(200);
    expect(events.list).toEqual([
      {
        id: event.id,
        date: event.startAt.toISOString(),
        concertId,
        venue: 'Test hall',
        startAt: event.startAt.toISOString(),
        durationMinutes: 120,
        reservationStartAt: event.reservationStartAt.toISOString(),
        reservationEndAt: event.reservationEndAt.toISOString(),
        maxSeatCount: 6,
      },
    ]);
  });

  it('holds a seat, hides it from the available seats, and reserves it', async () => {
    const userId = uniqueUserId();
    const token = await activeToken(t.app, userId);
    const [first, second] = event.seats;
    const before = await api.seats(token, event.id);
    expect(before.list).toContainEqual({ id: first?.id, seatNumber: 1, price: 5_000 });

    const held = await api.occupy(token, event.id, { seatIds: [second?.id, first?.id] });
    expect(held.status).toBe(200);
    expect(held.data).toMatchObject({
      concertEventId: event.id,
      userId,
      status: 'ACTIVE',
      expiresAt: new Date(clock.now().getTime() + 300_000).toISOString(),
      seats: [
        { seatId: first?.id, seatNumber: 1, price: 5_000 },
        { seatId: second?.id, seatNumber: 2, price: 5_000 },
      ],
    });
    const after = await api.seats(token, event.id);
    expect(after.list?.map((seat) => seat.id)).not.toContain(first?.id);
    expect(after.list).toHaveLength((before.list?.length ?? 0) - 2);

    const reserved = await api.reserve(token, event.id, { occupationId: held.data?.id });
    expect(reserved.status).toBe(200);
    expect(reserved.data).toMatchObject({
      concertPerformanceStartAt: event.startAt.toISOString(),
      status: 'PENDING',
      totalSeats: 2,
      totalAmount: 10_000,
      createdAt: clock.now().toISOString(),
      // PAYMENT_WINDOW_SECONDS=0: pay before the hold would have expired.
      expiresAt: held.data?.expiresAt,
    });
  });

  it('answers a repeated hold or reserve (a lost answer, retried) with the same hold and reservation', async () => {
    const token = await activeToken(t.app, uniqueUserId());
    const seat = event.seats[3];
    const first = await api.occupy(token, event.id, { seatId: seat?.id });
    const again = await api.occupy(token, event.id, { seatId: seat?.id });
    expect(again).toEqual(first);
    const reserved = await api.reserve(token, event.id, { occupationId: first.data?.id });
    const reservedAgain = await api.reserve(token, event.id, { occupationId: first.data?.id });
    expect(reservedAgain).toEqual(reserved);
  });

  it('puts the seats of an expired hold back on sale once the background sweeper runs', async () => {
    const token = await activeToken(t.app, uniqueUserId());
    const seat = event.seats[4];
    expect((await api.occupy(token, event.id, { seatId: seat?.id })).status).toBe(200);
    clock.advance(301_000);
    const sweeper = startExpirySweeper(bookingContext(t.deps), 100, t.deps.logger);
    try {
      const reader = await activeToken(t.app, uniqueUserId());
      await vi.waitFor(async () => {
        expect((await api.seats(reader, event.id)).list?.map((item) => item.id)).toContain(seat?.id);
      });
    } finally {
      await sweeper.stop();
    }
  });
});
