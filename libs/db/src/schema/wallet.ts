import { mysqlTable, uniqueIndex } from 'drizzle-orm/mysql-core';
import { id, lifecycleDates, money, reference } from './columns.js';

export const wallet = mysqlTable(
  'wallet',
  {
    id: id(),
    userId: reference('user_id').notNull(),
    /** Always equals the sum of this user's wallet_ledger rows. */
    balance: money('balance').notNull().default(0),
    ...lifecycleDates,
  },
  // Every wallet read and the conditional debit/credit: user_id = ?.
  (table) => [uniqueIndex('wallet_user_uq').on(table.userId)],
);
