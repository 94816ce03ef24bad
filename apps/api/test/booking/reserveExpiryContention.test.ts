import { schema } from '@concert/db';
import { expireOverdue, holdSeats, manualClock, reserveHold, type Hold } from '@concert/domain';
import { createConcert, createEventWithSeats, createTestDatabase, type TestDatabase } from '@concert/testing';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingContext, outcomes, seatBooks } from '../support/booking.js';

const MINUTE = 60_000;

describe('reserving and expiring under contention', () => {
  let database: TestDatabase;
  let concertId: number;

  beforeAll(async () => {
    database = await createTestDatabase(40);
    concertId = (await createConcert(database.db)).id;
  });
  afterAll(() => database.destroy());

  async function holdEachSeat(clock: ReturnType<typeof manualClock>, seats: number) {
    const event = await createEventWithSeats(database.db, concertId, { now: clock.now(), seats });
    const ctx = bookingContext(database, clock);
    const holds: Hold[] = await Promise.all(
      event.seats.map((seat, index) =>
        holdSeats({ ctx, input: { userId: 1_000 + index, concertEventId: event.id, seatIds: [seat.id] } }),
      ),
    );
    return { event, holds };
  }

  it('ends a hold that expires while it is being reserved either reserved or expired, never both', async () => {
    const start = new Date();
    const { event, holds } = await holdEachSeat(manualClock(start), 100);
    const deadline = holds[0]?.expiresAt.getTime() ?? 0;
    // The reserve sees the last millisecond of the hold; the sweepers see the first one after it.
    const reserving = bookingContext(database, manualClock(new Date(deadline - 1)), { paymentWindowSeconds: 600 });
    const sweeping = bookingContext(database, manualClock(new Date(deadline + 1)));
    const [reserves, ...sweeps] = await Promise.all([
      outcomes(
        holds.map((hold) =>
          reserveHold({
            ctx: reserving,
            input: { userId: hold.userId, concertEventId: event.id, occupationId: hold.id },
          }),
        ),
      ),
      expireOverdue({ ctx: sweeping, input: { batch: 1_000 } }),
      expireOverdue({ ctx: sweeping, input: { batch: 1_000 } }),
    ]);
    const expiredBySweeps = sweeps.reduce((sum, sweep) => sum + sweep.holdsExpired, 0);
    expect((reserves.ok ?? 0) + expiredBySweeps).toBe(100);
    expect(reserves.ok ?? 0).toBe(100 - (reserves.occupation_expired ?? 0));

    const holdRows = await database.db
      .select({ id: schema.occupation.id, status: schema.occupation.status })
      .from(schema.occupation)
      .where(eq(schema.occupation.concertEventId, event.id));
    const reservations = await database.db
      .select({ occupationId: schema.reservation.occupationId })
      .from(schema.reservation)
      .where(eq(schema.reservation.concertEventId, event.id));
    const reserved = new Set(reservations.map((row) => row.occupationId));
    for (const row of holdRows) {
      expect(row.status === 'RELEASED' ? 'reserved' : row.status).toBe(reserved.has(row.id) ? 'reserved' : 'EXPIRED');
    }
    expect(await seatBooks(database.db, event.id)).toMatchObject({
      total: 100,
      reserved: reserves.ok ?? 0,
      available: expiredBySweeps,
      held: 0,
      doubleBooked: 0,
      mismatched: 0,
    });
  });

  it('answers every concurrent reserve of one hold with the same reservation', async () => {
    const clock = manualClock(new Date());
    const { event, holds } = await holdEachSeat(clock, 1);
    const hold = holds[0] as Hold;
    const ctx = bookingContext(database, clock);
    const reservations = await Promise.all(
      Array.from({ length: 30 }, () =>
        reserveHold({ ctx, input: { userId: hold.userId, concertEventId: event.id, occupationId: hold.id } }),
      ),
    );
    expect(new Set(reservations.map((reserved) => reserved.reservation.id)).size).toBe(1);
    const rows = await database.db
      .select()
      .from(schema.reservation)
      .where(eq(schema.reservation.occupationId, hold.id));
    expect(rows).toHaveLength(1);
  });

  it('expires each overdue hold and unpaid reservation once, however many sweepers race', async () => {
    const clock = manualClock(new Date());
    const { event, holds } = await holdEachSeat(clock, 60);
    const ctx = bookingContext(database, clock);
    // Half become unpaid reservations, half stay holds.
    await Promise.all(
      holds
        .slice(0, 30)
        .map((hold) =>
          reserveHold({ ctx, input: { userId: hold.userId, concertEventId: event.id, occupationId: hold.id } }),
        ),
    );
    clock.advance(6 * MINUTE);
    // Other tests of this file left rows too: the sweepers together must expire each overdue row once.
    const overdueHolds = (await ctx.expiry.overdueHolds(clock.now(), 10_000)).length;
    const overdueReservations = (await ctx.expiry.overdueReservations(clock.now(), 10_000)).length;
    expect(overdueHolds).toBeGreaterThanOrEqual(30);
    expect(overdueReservations).toBeGreaterThanOrEqual(30);
    const sweeps = await Promise.all(Array.from({ length: 5 }, () => expireOverdue({ ctx })));
    expect(sweeps.reduce((sum, sweep) => sum + sweep.holdsExpired, 0)).toBe(overdueHolds);
    expect(sweeps.reduce((sum, sweep) => sum + sweep.reservationsExpired, 0)).toBe(overdueReservations);
    expect(await seatBooks(database.db, event.id)).toMatchObject({ available: 60, held: 0, reserved: 0, mismatched: 0 });
    const allocations = await database.db
      .select({ status: schema.seatAllocation.status })
      .from(schema.seatAllocation)
      .where(
        inArray(
          schema.seatAllocation.occupationId,
          holds.map((hold) => hold.id),
        ),
      );
    expect(allocations.every((allocation) => allocation.status === 'EXPIRED')).toBe(true);
  });
});
