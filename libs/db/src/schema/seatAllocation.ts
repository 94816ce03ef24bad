import { index, int, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { id, instant, lifecycleDates, money, reference } from './columns.js';

/** One seat inside a hold, and later inside the reservation made from it. */
export const seatAllocation = mysqlTable(
  'seat_allocation',
  {
    id: id(),
    occupationId: reference('occupation_id').notNull(),
    seatId: reference('seat_id').notNull(),
    seatNumber: int('seat_number', { unsigned: true }).notNull(),
    seatPrice: money('seat_price').notNull(),
    userId: reference('user_id').notNull(),
    status: varchar('status', { length: 16, enum: ['OCCUPIED', 'EXPIRED', 'RESERVED', 'CANCELLED'] }).notNull(),
    occupiedAt: instant('occupied_at').notNull(),
    reservedAt: instant('reserved_at'),
    expiredAt: instant('expired_at'),
    reservationId: reference('reservation_id'),
    ...lifecycleDates,
  },
  (table) => [
    // The seats of a hold (reserve, expiry).
    index('seat_allocation_occupation_idx').on(table.occupationId),
    // The seats of a reservation (payment, expiry of an unpaid reservation).
    index('seat_allocation_reservation_idx').on(table.reservationId),
    // The history of one seat (operator inspection, the books check).
    index('seat_allocation_seat_idx').on(table.seatId, table.status),
  ],
);
