import { boolean, index, int, mysqlTable, uniqueIndex } from 'drizzle-orm/mysql-core';
import { id, lifecycleDates, money, reference } from './columns.js';

export const seat = mysqlTable(
  'seat',
  {
    id: id(),
    concertEventId: reference('concert_event_id').notNull(),
    seatNumber: int('seat_number', { unsigned: true }).notNull(),
    price: money('price').notNull(),
    /** Cleared by the conditional UPDATE that wins a hold; set again when the hold or reservation expires. */
    isAvailable: boolean('is_available').notNull().default(true),
    ...lifecycleDates,
  },
  (table) => [
    uniqueIndex('seat_event_number_uq').on(table.concertEventId, table.seatNumber),
    // GET /concert-events/{id}/available-seats (concert_event_id = ? AND is_available = 1) and the
    // available count of an event: covering, so neither touches the table rows.
    index('seat_event_available_idx').on(table.concertEventId, table.isAvailable, table.seatNumber, table.price),
  ],
);
