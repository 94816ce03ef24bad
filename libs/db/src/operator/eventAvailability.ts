import type { ConcertEvent } from '@concert/domain';
import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';

export interface EventAvailability extends ConcertEvent {
  /** Seats on sale now, counted from `seat.is_available`: the count the API's seat list agrees with. */
  availableSeatCount: number;
}

/** Every event of a concert with its available seats; seat_event_available_idx serves each count. */
export async function eventsWithAvailability(db: Database, concertId: number): Promise<EventAvailability[]> {
  const [rows] = (await db.execute(sql`
    SELECT ce.id, ce.concert_id, ce.venue, ce.start_at, ce.duration, ce.reservation_start_at,
           ce.reservation_end_at, ce.max_seat_count, ce.cancellable_until_minutes_before,
           ce.cancellation_fee_percent, ce.cancellation_fee_fixed,
           (SELECT COUNT(*) FROM seat s WHERE s.concert_event_id = ce.id AND s.is_available = 1) AS available
    FROM concert_event ce WHERE ce.concert_id = ${concertId} ORDER BY ce.start_at, ce.id`)) as unknown as [
    Array<Record<string, string | number | Date>>,
  ];
  return rows.map((row) => ({
    id: Number(row.id),
    concertId: Number(row.concert_id),
    venue: String(row.venue),
    startAt: new Date(row.start_at as Date),
    durationMinutes: Number(row.duration),
    reservationStartAt: new Date(row.reservation_start_at as Date),
    reservationEndAt: new Date(row.reservation_end_at as Date),
    maxSeatCount: Number(row.max_seat_count),
    cancellation: {
      untilMinutesBefore: row.cancellable_until_minutes_before === null ? null : Number(row.cancellable_until_minutes_before),
      feePercent: Number(row.cancellation_fee_percent),
      feeFixed: Number(row.cancellation_fee_fixed),
    },
    availableSeatCount: Number(row.available),
  }));
}
