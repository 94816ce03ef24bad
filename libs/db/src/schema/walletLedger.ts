import { index, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { id, instant, money, reference } from './columns.js';
import { sql } from 'drizzle-orm';

/** One row per balance change, written in the same transaction as the change. Never updated. */
export const walletLedger = mysqlTable(
  'wallet_ledger',
  {
    id: id(),
    userId: reference('user_id').notNull(),
    /** Signed: a charge or a refund is positive, a payment negative. */
    amount: money('amount').notNull(),
    balanceAfter: money('balance_after').notNull(),
    reason: varchar('reason', { length: 16, enum: ['CHARGE', 'PAYMENT', 'REFUND'] }).notNull(),
    paymentId: reference('payment_id'),
    refundId: reference('refund_id'),
    createdAt: instant('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  // A user's history, and the books check (SUM(amount) per user).
  (table) => [
    index('wallet_ledger_user_idx').on(table.userId, table.id),
    // The books check: every refund has its credit (refund_id = ?).
    index('wallet_ledger_refund_idx').on(table.refundId),
  ],
);
