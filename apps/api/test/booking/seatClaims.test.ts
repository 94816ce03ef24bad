import { expireOverdue, holdSeats, manualClock } from '@concert/domain';
import { createTestDatabase, createEventWithSeats, createConcert, uniqueUserId } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingContext, seatBooks } from '../support/booking.js';
import { bookingFixture, type BookingFixture } from '../support/bookingFixture.js';
import { activeToken } from '../support/queue.js';

/** The Redis seat claims in front of MySQL (docs/adr/0006), through the real app. */
describe('seat claims', () => {
  const clock = manualClock(new Date());
  let f: BookingFixture;

  beforeAll(async () => {
    f = await bookingFixture(
      { QUEUE_MAX_ACTIVE_USERS: '1000', QUEUE_ADMISSIONS_PER_SECOND: '100000', HOLD_MAX_SEATS_PER_USER: '1', HOLD_TTL_SECONDS: '1', HOLD_SEAT_CLAIM_MS: '60000' },
      clock,
      { seats: 6 },
    );
  });
  afterAll(() => f.t.destroy());

  const seat = (index: number) => f.event.seats[index]?.id;

  it('answers 200 buyers racing for one seat with one hold and 199 × 409 naming it, and a retry of the winner with its hold', async () => {
    const tokens = await Promise.all(Array.from({ length: 200 }, () => activeToken(f.t.app, uniqueUserId())));
    const answers = await Promise.all(tokens.map((token) => f.api.occupy(token, f.event.id, { seatId: seat(0) })));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(199);
    for (const lost of answers.filter((answer) => answer.status === 409)) {
      expect(lost.error).toMatchObject({ code: 'seat_unavailable', details: { seatIds: [seat(0)] } });
    }
    const winner = answers.findIndex((answer) => answer.status === 200);
    const retry = await f.api.occupy(tokens[winner] ?? '', f.event.id, { seatId: seat(0) });
    expect(retry).toMatchObject({ status: 200, data: { id: answers[winner]?.data?.id } });
    expect(await seatBooks(f.t.database.db, f.event.id)).toMatchObject({ held: 1, doubleBooked: 0, mismatched: 0 });
  });

  it('gives the claim back when the hold fails, so the next buyer is not turned away', async () => {
    const greedy = await activeToken(f.t.app, uniqueUserId());
    expect((await f.api.occupy(greedy, f.event.id, { seatId: seat(1) })).status).toBe(200);
    // The limit is one seat: this fails after the claim of seat 2 was made.
    expect((await f.api.occupy(greedy, f.event.id, { seatId: seat(2) })).error?.code).toBe('seat_limit_exceeded');
    const next = await activeToken(f.t.app, uniqueUserId());
    expect((await f.api.occupy(next, f.event.id, { seatId: seat(2) })).status).toBe(200);
  });

  it('never outlives the hold: a seat back on sale after its hold expired is held by the next buyer at once', async () => {
    const first = await activeToken(f.t.app, uniqueUserId());
    expect((await f.api.occupy(first, f.event.id, { seatId: seat(3) })).status).toBe(200);
    const second = await activeToken(f.t.app, uniqueUserId());
    // The claim (60 s in Redis) turns the second buyer away while the hold lives...
    expect((await f.api.occupy(second, f.event.id, { seatId: seat(3) })).status).toBe(409);
    clock.advance(1_500);
    await expireOverdue({ ctx: f.t.services.booking });
    // ...and not a moment after it expired, though its Redis key is still there.
    expect((await f.api.occupy(second, f.event.id, { seatId: seat(3) })).status).toBe(200);
  });
});

describe('seat claims out of reach', () => {
  it('leave every hold to MySQL alone', async () => {
    const database = await createTestDatabase();
    try {
      const clock = manualClock(new Date());
      const event = await createEventWithSeats(database.db, (await createConcert(database.db)).id, { now: clock.now(), seats: 2 });
      const down = async () => {
        throw new Error('Redis is down');
      };
      const ctx = { ...bookingContext(database, clock, { seatClaimMs: 3_000 }), claims: { claim: down, release: down, forget: down } };
      const hold = (userId: number) => holdSeats({ ctx, input: { userId, concertEventId: event.id, seatIds: [event.seats[0]?.id ?? 0] } });
      expect((await hold(1)).seats).toHaveLength(1);
      await expect(hold(2)).rejects.toMatchObject({ code: 'seat_unavailable' });
    } finally {
      await database.destroy();
    }
  });
});
