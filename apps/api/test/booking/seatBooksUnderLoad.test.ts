import { expireOverdue, holdSeats, manualClock, reserveHold, type BookingContext } from '@concert/domain';
import { createConcert, createEventWithSeats, createTestDatabase, type TestDatabase } from '@concert/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingContext, seatBooks, type SeatBooks } from '../support/booking.js';

const SEATS = 100;
const USERS = 300;

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function randomSource(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % below;
  };
}

describe('300 users taking random seats of a 100-seat event', () => {
  let database: TestDatabase;
  const clock = manualClock(new Date());
  let ctx: BookingContext;

  beforeAll(async () => {
    database = await createTestDatabase(40);
    ctx = bookingContext(database, clock, { holdTtlSeconds: 60 });
  });
  afterAll(() => database.destroy());

  it('never puts a seat in two live holds, and every seat is always held, reserved, sold or available', async () => {
    const concertId = (await createConcert(database.db)).id;
    const event = await createEventWithSeats(database.db, concertId, { now: clock.now(), seats: SEATS });
    const seatIds = event.seats.map((seat) => seat.id);
    const random = randomSource(42);

    // One user: up to three attempts at 1–3 random seats; reserves every other hold it wins.
    const user = async (userId: number) => {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const wanted = Array.from({ length: 1 + random(3) }, () => seatIds[random(SEATS)] ?? 0);
        try {
          const hold = await holdSeats({ ctx, input: { userId, concertEventId: event.id, seatIds: wanted } });
          if (userId % 2 === 0) {
            await reserveHold({ ctx, input: { userId, concertEventId: event.id, occupationId: hold.id } });
          }
          return;
        } catch (error) {
          if ((error as { code?: string }).code === undefined) throw error;
        }
      }
    };

    const checks: SeatBooks[] = [];
    let running = true;
    const checker = (async () => {
      while (running) checks.push(await seatBooks(database.db, event.id));
    })();
    // Expiry runs throughout: midway the clock passes the first holds' deadlines.
    const sweeper = (async () => {
      while (running) await expireOverdue({ ctx });
    })();
    const firstWave = Array.from({ length: USERS / 2 }, (_, index) => user(index + 1));
    await Promise.all(firstWave);
    clock.advance(61_000);
    await Promise.all(Array.from({ length: USERS / 2 }, (_, index) => user(USERS / 2 + index + 1)));
    running = false;
    await Promise.all([checker, sweeper]);
    checks.push(await seatBooks(database.db, event.id));

    expect(checks.length).toBeGreaterThan(2);
    for (const books of checks) {
      expect(books.doubleBooked).toBe(0);
      expect(books.mismatched).toBe(0);
      expect(books.held + books.reserved + books.sold + books.available).toBe(SEATS);
    }
    const last = checks.at(-1) as SeatBooks;
    expect(last.available).toBeLessThan(SEATS);
  });
});
