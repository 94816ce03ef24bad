import { dbBookingContext, type Database, type DatabaseHandle } from '@concert/db';
import type { BookingContext, BookingRules, Clock } from '@concert/domain';
import { sql } from 'drizzle-orm';

export const defaultRules: BookingRules = { holdTtlSeconds: 300, maxSeatsPerUser: 4, paymentWindowSeconds: 0, seatClaimMs: 0 };

/** The booking use cases' context on a test database, with the clock and rules the test chooses. */
export const bookingContext = (
  database: DatabaseHandle,
  clock: Clock,
  rules: Partial<BookingRules> = {},
): BookingContext => dbBookingContext(database, clock, { ...defaultRules, ...rules });

export interface SeatBooks {
  total: number;
  held: number;
  reserved: number;
  sold: number;
  available: number;
  /** Seats in more than one live hold or reservation: must always be 0. */
  doubleBooked: number;
  /** Unavailable seats with no live allocation, or available seats with one: must always be 0. */
  mismatched: number;
}

/**
 * Where every seat of an event is, read in ONE statement so it is one consistent snapshot even
 * while holds, reserves and sweeps run. Live allocations are OCCUPIED (held) or RESERVED.
 */
export async function seatBooks(db: Database, concertEventId: number): Promise<SeatBooks> {
  const [rows] = (await db.execute(sql`
    SELECT
      COUNT(*) AS total,
      COALESCE(SUM(live.held), 0) AS held,
      COALESCE(SUM(live.reserved), 0) AS reserved,
      COALESCE(SUM(live.sold), 0) AS sold,
      COALESCE(SUM(s.is_available), 0) AS available,
      COALESCE(SUM(live.allocations > 1), 0) AS doubleBooked,
      COALESCE(SUM((s.is_available = 1) = (COALESCE(live.allocations, 0) > 0)), 0) AS mismatched
    FROM seat s
    LEFT JOIN (
      SELECT sa.seat_id,
        COUNT(*) AS allocations,
        SUM(sa.status = 'OCCUPIED') AS held,
        SUM(sa.status = 'RESERVED' AND r.status = 'PENDING') AS reserved,
        SUM(sa.status = 'RESERVED' AND r.status = 'CONFIRMED') AS sold
      FROM seat_allocation sa LEFT JOIN reservation r ON r.id = sa.reservation_id
      WHERE sa.status IN ('OCCUPIED', 'RESERVED')
      GROUP BY sa.seat_id
    ) live ON live.seat_id = s.id
    WHERE s.concert_event_id = ${concertEventId}`)) as unknown as [Array<Record<keyof SeatBooks, unknown>>];
  const row = rows[0];
  const number = (key: keyof SeatBooks) => Number(row?.[key] ?? 0);
  return {
    total: number('total'),
    held: number('held'),
    reserved: number('reserved'),
    sold: number('sold'),
    available: number('available'),
    doubleBooked: number('doubleBooked'),
    mismatched: number('mismatched'),
  };
}

/** Settles every promise and counts the outcomes by error code ('ok' for a success). */
export async function outcomes<T>(attempts: Array<Promise<T>>): Promise<Record<string, number>> {
  const settled = await Promise.allSettled(attempts);
  const counts: Record<string, number> = {};
  for (const result of settled) {
    const key =
      result.status === 'fulfilled' ? 'ok' : ((result.reason as { code?: string }).code ?? String(result.reason));
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
