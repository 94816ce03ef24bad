import { int, mysqlTable, primaryKey } from 'drizzle-orm/mysql-core';
import { reference } from './columns.js';

/**
 * One row per (user, event) that has ever held seats: a hold's transaction upserts it to take its
 * row lock until commit, so one user's concurrent holds of an event count their seats one after the
 * other (the per-user limit), while other users never wait on it.
 */
export const userEventLock = mysqlTable(
  'user_event_lock',
  {
    userId: reference('user_id').notNull(),
    concertEventId: reference('concert_event_id').notNull(),
    /** How many holds the user has placed for the event: what the hold's upsert writes to take the lock. */
    holds: int('holds', { unsigned: true }).notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.userId, table.concertEventId] })],
);
