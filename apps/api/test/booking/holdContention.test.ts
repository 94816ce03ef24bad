import { dbBookingStore, schema } from '@concert/db';
import { holdSeats, manualClock, type BookingContext } from '@concert/domain';
import { createConcert, createEventWithSeats, createTestDatabase, type TestDatabase } from '@concert/testing';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { barrier } from '../support/barrier.js';
import { bookingContext, outcomes, seatBooks } from '../support/booking.js';

/** Real races on a real MariaDB: many concurrent use-case calls sharing one pool of connections. */
describe('holding seats under contention', () => {
  let database: TestDatabase;
  let concertId: number;
  const clock = manualClock(new Date());
  let ctx: BookingContext;

  beforeAll(async () => {
    database = await createTestDatabase(40);
    concertId = (await createConcert(database.db)).id;
    ctx = bookingContext(database, clock);
  });
  afterAll(() => database.destroy());

  it('gives one seat wanted by 1,000 users at once to exactly one of them', async () => {
    const event = await createEventWithSeats(database.db, concertId, { now: clock.now(), seats: 1 });
    const seatId = event.seats[0]?.id ?? 0;
    const counts = await outcomes(
      Array.from({ length: 1_000 }, (_, index) =>
        holdSeats({ ctx, input: { userId: 10_000 + index, concertEventId: event.id, seatIds: [seatId] } }),
      ),
    );
    expect(counts).toEqual({ ok: 1, seat_unavailable: 999 });
    const holds = await database.db
      .select()
      .from(schema.occupation)
      .where(eq(schema.occupation.concertEventId, event.id));
    expect(holds).toHaveLength(1);
    expect(await seatBooks(database.db, event.id)).toMatchObject({ total: 1, held: 1, available: 0, doubleBooked: 0 });
  });

  it('control: a check-then-write without the conditional update sells the same seat several times', async () => {
    const event = await createEventWithSeats(database.db, concertId, { now: clock.now(), seats: 1 });
    const seatId = event.seats[0]?.id ?? 0;
    // The naive way: read is_available, then write unconditionally. Every reader that ran before the
    // first write believes it won; the barrier makes that interleaving certain rather than likely.
    const racers = 200;
    const allRead = barrier(racers);
    const naiveHold = async () => {
      const [row] = await database.db
        .select({ isAvailable: schema.seat.isAvailable })
        .from(schema.seat)
        .where(eq(schema.seat.id, seatId));
      await allRead();
      if (!row?.isAvailable) return false;
      await database.db.update(schema.seat).set({ isAvailable: false }).where(eq(schema.seat.id, seatId));
      return true;
    };
    const winners = (await Promise.all(Array.from({ length: racers }, naiveHold))).filter(Boolean).length;
    expect(winners).toBeGreaterThan(1);
  });

  it('lets one user hold at most the limit of seats even when all their requests race', async () => {
    const event = await createEventWithSeats(database.db, concertId, { now: clock.now(), seats: 30 });
    const userId = 77;
    const counts = await outcomes(
      event.seats.map((seat) => holdSeats({ ctx, input: { userId, concertEventId: event.id, seatIds: [seat.id] } })),
    );
    expect(counts).toEqual({ ok: 4, seat_limit_exceeded: 26 });
    expect(await seatBooks(database.db, event.id)).toMatchObject({ held: 4, available: 26, mismatched: 0 });
  });

  it('control: without the per-user lock the same racing requests pass the limit', async () => {
    const event = await createEventWithSeats(database.db, concertId, { now: clock.now(), seats: 30 });
    // The same store without the per-user lock. The barrier lines every request up after its count,
    // before its commit, so each counts before the others commit: the interleaving a busy server
    // produces at random, made certain so the control cannot fail by luck on a slow machine. Ten
    // requests line up: more than the limit, fewer than the test database's 20 batch connections
    // (more would wait forever for a connection held by a request already in line).
    const allCounted = barrier(10);
    const unlocked = dbBookingStore(database, { lockUser: false });
    const unguarded: BookingContext = {
      ...ctx,
      store: {
        ...unlocked,
        placeHold: (hold, accept) =>
          unlocked.placeHold(hold, async (placement) => {
            await allCounted();
            return accept(placement);
          }),
      },
    };
    const counts = await outcomes(
      event.seats.map((seat) =>
        holdSeats({ ctx: unguarded, input: { userId: 78, concertEventId: event.id, seatIds: [seat.id] } }),
      ),
    );
    expect(counts.ok ?? 0).toBeGreaterThan(4);
  });

  it('holds all the seats asked for or none of them', async () => {
    const event = await createEventWithSeats(database.db, concertId, { now: clock.now(), seats: 5 });
    const [first, second, third] = event.seats.map((seat) => seat.id);
    await holdSeats({ ctx, input: { userId: 1, concertEventId: event.id, seatIds: [second ?? 0] } });
    const attempt = holdSeats({
      ctx,
      input: { userId: 2, concertEventId: event.id, seatIds: [first ?? 0, second ?? 0, third ?? 0] },
    });
    await expect(attempt).rejects.toMatchObject({ code: 'seat_unavailable', details: { seatIds: [second] } });
    const [{ held } = { held: 0 }] = await database.db
      .select({ held: sql<number>`count(*)`.mapWith(Number) })
      .from(schema.seat)
      .where(and(eq(schema.seat.concertEventId, event.id), eq(schema.seat.isAvailable, false)));
    expect(held).toBe(1);
  });
});
