import { index, int, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { id, instant, lifecycleDates, money, reference } from './columns.js';

/**
 * One performance date of a concert. The seed's `available_seat_count` column is gone on purpose:
 * one counter row written by every hold would serialise all holds of an event, so the count is
 * derived from `seat` (see seat_event_available_idx), and is exact by construction.
 */
export const concertEvent = mysqlTable(
  'concert_event',
  {
    id: id(),
    concertId: reference('concert_id').notNull(),
    venue: varchar('venue', { length: 200 }).notNull(),
    startAt: instant('start_at').notNull(),
    /** Minutes. */
    duration: int('duration', { unsigned: true }).notNull(),
    reservationStartAt: instant('reservation_start_at').notNull(),
    reservationEndAt: instant('reservation_end_at').notNull(),
    maxSeatCount: int('max_seat_count', { unsigned: true }).notNull(),
    /** How long before the show a buyer may still cancel a paid reservation; null: buyers may not. */
    cancellableUntilMinutesBefore: int('cancellable_until_minutes_before', { unsigned: true }),
    /** The cancellation fee kept from a buyer's refund: this percentage of the price plus the fixed amount, capped at the price. */
    cancellationFeePercent: int('cancellation_fee_percent', { unsigned: true }).notNull().default(0),
    cancellationFeeFixed: money('cancellation_fee_fixed').notNull().default(0),
    /**
     * Seats in paid reservations: written by payments and paid cancellations only (never by holds),
     * so that of the payments racing for an event's last seats exactly one sees it sold out.
     */
    seatsSold: int('seats_sold', { unsigned: true }).notNull().default(0),
    ...lifecycleDates,
  },
  (table) => [
    // GET /concerts/{id}/available-events: concert_id = ? AND reservation_start_at < now AND reservation_end_at > now.
    index('concert_event_concert_window_idx').on(table.concertId, table.reservationStartAt, table.reservationEndAt),
  ],
);
