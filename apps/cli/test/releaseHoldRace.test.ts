import { dbBookingContext, schema, verifyBooks } from '@concert/db';
import { expireOverdue, holdSeats, isDomainError, manualClock, releaseHold, reserveHold, type Hold } from '@concert/domain';
import { createConcert, createEventWithSeats, createTestDatabase, type TestDatabase } from '@concert/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The operator's release (concertctl holds release) races a user's reserve and the expiry sweeper
 * for real, on a pool of connections: each hold must end one way only, and no seat may go back
 * on sale while a reservation keeps it.
 */
describe('releaseHold racing reserve and expiry', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(30);
  });
  afterAll(() => database.destroy());

  const rules = { holdTtlSeconds: 300, maxSeatsPerUser: 4, paymentWindowSeconds: 600, seatClaimMs: 0 };
  const contextAt = (now: Date) => dbBookingContext(database, manualClock(now), rules);
  // A loss must be an expected outcome (a domain error), never a deadlock or a driver error.
  const settled = <T>(work: Promise<T>) =>
    work.then(
      () => 'won' as const,
      (error: unknown) => {
        if (!isDomainError(error)) throw error;
        return 'lost' as const;
      },
    );

  async function holdEachSeat(now: Date, seats: number) {
    const event = await createEventWithSeats(database.db, (await createConcert(database.db)).id, { now, seats });
    const holds: Hold[] = await Promise.all(
      event.seats.map((seat, index) =>
        holdSeats({ ctx: contextAt(now), input: { userId: 5_000 + index, concertEventId: event.id, seatIds: [seat.id] } }),
      ),
    );
    return { event, holds };
  }

  const seatOf = async (hold: Hold) => {
    const [seat] = await database.db.select().from(schema.seat).where(eq(schema.seat.id, hold.seats[0]?.seatId ?? 0));
    return seat?.isAvailable;
  };

  it('ends each hold reserved or released, never both', async () => {
    const now = new Date();
    const { event, holds } = await holdEachSeat(now, 40);
    const ctx = contextAt(now);
    const outcomes = await Promise.all(
      holds.map(async (hold) => {
        const [released, reserved] = await Promise.all([
          settled(releaseHold({ ctx, input: { holdId: hold.id } })),
          settled(reserveHold({ ctx, input: { userId: hold.userId, concertEventId: event.id, occupationId: hold.id } })),
        ]);
        return { hold, released, reserved };
      }),
    );
    for (const { hold, released, reserved } of outcomes) {
      expect([released, reserved].sort()).toEqual(['lost', 'won']);
      // A released seat is on sale again; a reserved one is not.
      expect(await seatOf(hold)).toBe(released === 'won');
    }
    expect(await verifyBooks(database.db)).toEqual([]);
  });

  it('ends each overdue hold once when the operator and two sweepers race for it', async () => {
    const start = new Date(Date.now() - 3_600_000);
    const { holds } = await holdEachSeat(start, 40);
    const now = new Date();
    const ctx = contextAt(now);
    const [releases, ...sweeps] = await Promise.all([
      Promise.all(holds.map((hold) => settled(releaseHold({ ctx, input: { holdId: hold.id } })))),
      expireOverdue({ ctx, input: { batch: 1_000 } }),
      expireOverdue({ ctx, input: { batch: 1_000 } }),
    ]);
    const released = releases.filter((outcome) => outcome === 'won').length;
    const swept = sweeps.reduce((sum, sweep) => sum + sweep.holdsExpired, 0);
    expect(released + swept).toBe(holds.length);
    for (const hold of holds) expect(await seatOf(hold)).toBe(true);
    expect(await verifyBooks(database.db)).toEqual([]);
  });
});
