import { index, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { id, instant, lifecycleDates, reference } from './columns.js';

/** A hold: seats of one event kept for one user until expires_at. */
export const occupation = mysqlTable(
  'occupation',
  {
    id: id(),
    concertEventId: reference('concert_event_id').notNull(),
    userId: reference('user_id').notNull(),
    status: varchar('status', { length: 16, enum: ['ACTIVE', 'EXPIRED', 'RELEASED'] }).notNull(),
    expiresAt: instant('expires_at').notNull(),
    expiredAt: instant('expired_at'),
    ...lifecycleDates,
  },
  (table) => [
    // The expiry sweep: status = 'ACTIVE' AND expires_at <= now, oldest first.
    index('occupation_status_expires_idx').on(table.status, table.expiresAt),
    // A user's live holds of an event (the per-user seat limit, repeated holds).
    index('occupation_user_event_idx').on(table.userId, table.concertEventId, table.status),
  ],
);
