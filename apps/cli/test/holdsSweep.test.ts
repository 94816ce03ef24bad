import { dbBookingContext, schema } from '@concert/db';
import { holdSeats, manualClock } from '@concert/domain';
import { createConcert, createEventWithSeats, createTestDatabase } from '@concert/testing';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { runCli } from './support.js';

describe('concertctl holds sweep', () => {
  it('gives back the seats of a hold past its deadline, once', async () => {
    const database = await createTestDatabase(2);
    try {
      // A hold taken an hour ago, whose 5 minutes are long gone.
      const clock = manualClock(new Date(Date.now() - 3_600_000));
      const event = await createEventWithSeats(database.db, (await createConcert(database.db)).id, {
        now: clock.now(),
        seats: 1,
      });
      const ctx = dbBookingContext(database, clock, { holdTtlSeconds: 300, maxSeatsPerUser: 4, paymentWindowSeconds: 0, seatClaimMs: 0 });
      const seatId = event.seats[0]?.id ?? 0;
      await holdSeats({ ctx, input: { userId: 1, concertEventId: event.id, seatIds: [seatId] } });

      const first = await runCli(['holds', 'sweep'], { DATABASE_URL: database.url });
      expect(first).toMatchObject({ code: 0 });
      expect(first.stdout).toContain('Expired 1 holds and 0 unpaid reservations.');
      const [seat] = await database.db.select().from(schema.seat).where(eq(schema.seat.id, seatId));
      expect(seat?.isAvailable).toBe(true);
      expect((await runCli(['holds', 'sweep'], { DATABASE_URL: database.url })).stdout).toContain('Expired 0 holds');
    } finally {
      await database.destroy();
    }
  });
});
