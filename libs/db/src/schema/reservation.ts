import { index, int, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { id, instant, lifecycleDates, money, reference } from './columns.js';

export const reservation = mysqlTable(
  'reservation',
  {
    id: id(),
    concertId: reference('concert_id').notNull(),
    concertEventId: reference('concert_event_id').notNull(),
    userId: reference('user_id').notNull(),
    /** The hold it was made from; unique, so reserving the same hold twice finds the first reservation. */
    occupationId: reference('occupation_id').notNull(),
    status: varchar('status', { length: 16, enum: ['PENDING', 'CONFIRMED', 'EXPIRED', 'CANCELLED'] }).notNull(),
    totalSeats: int('total_seats', { unsigned: true }).notNull(),
    totalAmount: money('total_amount').notNull(),
    /** The payment deadline. */
    expiresAt: instant('expires_at').notNull(),
    confirmedAt: instant('confirmed_at'),
    expiredAt: instant('expired_at'),
    cancelledAt: instant('cancelled_at'),
    ...lifecycleDates,
  },
  (table) => [
    uniqueIndex('reservation_occupation_uq').on(table.occupationId),
    // The expiry sweep of unpaid reservations: status = 'PENDING' AND expires_at <= now.
    index('reservation_status_expires_idx').on(table.status, table.expiresAt),
    // A user's reservations, newest first.
    index('reservation_user_idx').on(table.userId, table.createdAt),
  ],
);
