import { manualClock } from '@concert/domain';
import { createEventWithSeats, uniqueUserId } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startExpirySweeper } from '../src/jobs/expirySweeper.js';
import { bookingFixture, type BookingFixture } from './support/bookingFixture.js';
import { activeToken } from './support/queue.js';

describe('catalog, hold and reserve: the happy path', () => {
  const clock = manualClock(new Date());
  let f: BookingFixture;

  beforeAll(async () => {
    f = await bookingFixture({ QUEUE_MAX_ACTIVE_USERS: '100' }, clock, {
      seats: 6,
      price: 5_000,
    });
    await createEventWithSeats(f.t.database.db, f.concertId, { now: clock.now(), window: 'closed' });
    await createEventWithSeats(f.t.database.db, f.concertId, { now: clock.now(), window: 'not_yet_open' });
  });
  afterAll(() => f.t.destroy());

  it('lists concerts without a token, and only the events on sale now', async () => {
    const concerts = await f.api.concerts();
    expect(concerts.status).toBe(200);
    expect(concerts.list).toContainEqual({
      id: f.concertId,
      title: 'Booking concert',
      singer: 'Test singer',
      description: 'A concert made by a test.',
    });
    const token = await activeToken(f.t.app, uniqueUserId());
    const events = await f.api.events(token, f.concertId);
    expect(events.status).toBe(200);
    expect(events.list).toEqual([
      {
        id: f.event.id,
        date: f.event.startAt.toISOString(),
        concertId: f.concertId,
        venue: 'Test hall',
        startAt: f.event.startAt.toISOString(),
        durationMinutes: 120,
        reservationStartAt: f.event.reservationStartAt.toISOString(),
        reservationEndAt: f.event.reservationEndAt.toISOString(),
        maxSeatCount: 6,
        cancellation: { cancellableUntil: null, feePercent: 0, feeFixed: 0 },
      },
    ]);
  });

  it('holds a seat, hides it from the available seats, and reserves it', async () => {
    const userId = uniqueUserId();
    const token = await activeToken(f.t.app, userId);
    const [first, second] = f.event.seats;
    const before = await f.api.seats(token, f.event.id);
    expect(before.list).toContainEqual({ id: first?.id, seatNumber: 1, price: 5_000 });

    const held = await f.api.occupy(token, f.event.id, { seatIds: [second?.id, first?.id] });
    expect(held.status).toBe(200);
    expect(held.data).toMatchObject({
      concertEventId: f.event.id,
      userId,
      status: 'ACTIVE',
      expiresAt: new Date(clock.now().getTime() + 300_000).toISOString(),
      seats: [
        { seatId: first?.id, seatNumber: 1, price: 5_000 },
        { seatId: second?.id, seatNumber: 2, price: 5_000 },
      ],
    });
    const after = await f.api.seats(token, f.event.id);
    expect(after.list?.map((seat) => seat.id)).not.toContain(first?.id);
    expect(after.list).toHaveLength((before.list?.length ?? 0) - 2);

    const reserved = await f.api.reserve(token, f.event.id, { occupationId: held.data?.id });
    expect(reserved.status).toBe(200);
    expect(reserved.data).toMatchObject({
      concertPerformanceStartAt: f.event.startAt.toISOString(),
      status: 'PENDING',
      totalSeats: 2,
      totalAmount: 10_000,
      createdAt: clock.now().toISOString(),
      // PAYMENT_WINDOW_SECONDS=0: pay before the hold would have expired.
      expiresAt: held.data?.expiresAt,
    });
  });

  it('answers a repeated hold or reserve (a lost answer, retried) with the same hold and reservation', async () => {
    const token = await activeToken(f.t.app, uniqueUserId());
    const seat = f.event.seats[3];
    const first = await f.api.occupy(token, f.event.id, { seatId: seat?.id });
    const again = await f.api.occupy(token, f.event.id, { seatId: seat?.id });
    expect(again).toEqual(first);
    const reserved = await f.api.reserve(token, f.event.id, { occupationId: first.data?.id });
    const reservedAgain = await f.api.reserve(token, f.event.id, { occupationId: first.data?.id });
    expect(reservedAgain).toEqual(reserved);
  });

  it('puts the seats of an expired hold back on sale once the background sweeper runs', async () => {
    const token = await activeToken(f.t.app, uniqueUserId());
    const seat = f.event.seats[4];
    expect((await f.api.occupy(token, f.event.id, { seatId: seat?.id })).status).toBe(200);
    clock.advance(301_000);
    const sweeper = startExpirySweeper(f.t.services.booking, 100, f.t.deps.logger);
    try {
      const reader = await activeToken(f.t.app, uniqueUserId());
      await vi.waitFor(async () => {
        expect((await f.api.seats(reader, f.event.id)).list?.map((item) => item.id)).toContain(seat?.id);
      });
    } finally {
      await sweeper.stop();
    }
  });
});
