import { index, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { id, instant, money, reference } from './columns.js';

/**
 * Money given back for a payment: a buyer's cancellation (the price less the event's fee) or an
 * operator's refund. Written with its wallet credit and ledger row in one transaction; never updated.
 */
export const refund = mysqlTable(
  'refund',
  {
    id: id(),
    paymentId: reference('payment_id').notNull(),
    reservationId: reference('reservation_id').notNull(),
    userId: reference('user_id').notNull(),
    amount: money('amount').notNull(),
    kind: varchar('kind', { length: 16, enum: ['CANCELLATION', 'OPERATOR'] }).notNull(),
    reason: varchar('reason', { length: 500 }).notNull(),
    createdAt: instant('created_at').notNull(),
  },
  // A reservation's refunds (reservations show), and the books check per payment.
  (table) => [index('refund_reservation_idx').on(table.reservationId), index('refund_payment_idx').on(table.paymentId)],
);
