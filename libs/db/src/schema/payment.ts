import { index, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { id, instant, lifecycleDates, money, reference } from './columns.js';

export const payment = mysqlTable(
  'payment',
  {
    id: id(),
    /** Unique: the database itself refuses a second payment of one reservation. */
    reservationId: reference('reservation_id').notNull(),
    userId: reference('user_id').notNull(),
    amount: money('amount').notNull(),
    /** COMPLETED until refunded; PARTIALLY_REFUNDED or REFUNDED by `refunded_amount`. */
    status: varchar('status', { length: 24, enum: ['COMPLETED', 'PARTIALLY_REFUNDED', 'REFUNDED'] }).notNull(),
    /** The sum of this payment's refunds; the conditional UPDATE that adds one keeps it at most `amount`. */
    refundedAmount: money('refunded_amount').notNull().default(0),
    paidAt: instant('paid_at').notNull(),
    ...lifecycleDates,
  },
  (table) => [
    uniqueIndex('payment_reservation_uq').on(table.reservationId),
    // GET /users/{id}/payments, newest first.
    index('payment_user_idx').on(table.userId, table.paidAt),
  ],
);
